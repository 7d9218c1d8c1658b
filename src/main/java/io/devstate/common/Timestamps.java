package io.devstate.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The one timestamp form of the chain: UTC, RFC 3339, exactly six fraction digits. PostgreSQL
 * keeps microseconds, so a value in this form reads back from {@code timestamptz} unchanged.
 */
public final class Timestamps {

    private static final DateTimeFormatter CHAIN_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern CHAIN_PATTERN =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$");

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static String format(Instant instant) {
        return CHAIN_FORMAT.format(instant);
    }

    public static String format(OffsetDateTime time) {
        return format(time.toInstant());
    }

    public static OffsetDateTime toOffset(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Parses a chain timestamp; anything not in the exact chain form is rejected. */
    public static Instant parseChain(String text) {
        if (text == null || !CHAIN_PATTERN.matcher(text).matches()) {
            throw new IllegalArgumentException("not a chain timestamp (UTC, 6 fraction digits): " + text);
        }
        return Instant.parse(text);
    }

    /** Parses any RFC 3339 date-time (query parameters), as a 400 when malformed. */
    public static OffsetDateTime parseQuery(String name, String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be an RFC 3339 date-time, e.g. 2026-11-25T10:00:00Z")
                    .with("field", name);
        }
    }
}
