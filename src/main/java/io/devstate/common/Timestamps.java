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
        return format(instant.atOffset(ZoneOffset.UTC));
    }

    /**
     * Written out for the years a chain can hold (0000..9999), the formatter for any other: every
     * row read from the database passes here, and the formatter was a visible share of a verify.
     */
    public static String format(OffsetDateTime time) {
        OffsetDateTime utc = time.getOffset().equals(ZoneOffset.UTC) ? time : time.withOffsetSameInstant(ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return CHAIN_FORMAT.format(utc);
        }
        char[] out = new char[27];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, utc.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, utc.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, utc.getHour(), 2);
        out[13] = ':';
        digits(out, 14, utc.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, utc.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, utc.getNano() / 1000, 6);
        out[26] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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
