package io.devstate.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The written-out formatter against java.time's over years 0000..9999, any offset, every micro. */
    @Test
    void writtenOutFormatEqualsTheFormatters() {
        SplittableRandom random = new SplittableRandom(20261202);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000) * 1000L);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1) / 60 * 60);
            assertThat(Timestamps.format(instant.atOffset(offset))).isEqualTo(REFERENCE.format(instant));
        }
    }

    @Test
    void edgesAndYearsOutsideTheChainsRange() {
        assertThat(Timestamps.format(OffsetDateTime.parse("2026-01-02T03:04:05.000007Z")))
                .isEqualTo("2026-01-02T03:04:05.000007Z");
        assertThat(Timestamps.format(OffsetDateTime.parse("2026-01-01T00:30:00+01:00")))
                .isEqualTo("2025-12-31T23:30:00.000000Z");
        OffsetDateTime far = OffsetDateTime.of(12026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertThat(Timestamps.format(far)).isEqualTo(REFERENCE.format(far.toInstant()));
        assertThat(Timestamps.parseChain(Timestamps.format(OffsetDateTime.parse("1999-12-31T23:59:59.999999Z"))))
                .isEqualTo(Instant.parse("1999-12-31T23:59:59.999999Z"));
        assertThatThrownBy(() -> Timestamps.parseChain("2026-01-02T03:04:05Z"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
