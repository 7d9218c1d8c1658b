package io.devstate.common;

import java.io.IOException;

import org.erdtman.jcs.NumberToJSON;

/**
 * The parts of RFC 8785 (JCS) that {@code ChainSigner} writes itself: strings and numbers of the
 * fixed outer message. Whole documents (metadata, states) are canonicalised by the JCS library
 * ({@code java-json-canonicalization}, through {@link Json#canonical}); the library keeps its string
 * writer private, and its number form is used here for everything but exact whole numbers.
 */
public final class Jcs {

    private static final long MAX_EXACT_LONG = 1L << 53;

    private Jcs() {
    }

    /**
     * A whole number as JCS writes it: as an IEEE-754 double in ECMAScript form. Up to 2^53 in
     * magnitude a long is exactly a double and that form is its plain digits ({@link Long#toString},
     * no library call per entry); larger ones round, and the library writes them.
     */
    public static String number(long value) throws IOException {
        return value >= -MAX_EXACT_LONG && value <= MAX_EXACT_LONG
                ? Long.toString(value)
                : NumberToJSON.serializeNumber(value);
    }

    /**
     * A string as RFC 8785 section 3.2.2.2 writes it (null: JSON null). Only {@code "}, {@code \},
     * and U+0000..U+001F are escaped (five of them by their short forms, the rest as lowercase
     * {@code \}{@code u00xx}); everything else is written as itself.
     */
    public static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int plain = 0;
        while (plain < value.length() && needsNoEscape(value.charAt(plain))) {
            plain++;
        }
        // Most strings (hex hmacs, timestamps, kids, names) need no escape: copy them in one go
        // (append(String), not append(CharSequence, from, to), which copies char by char on JDK 17).
        if (plain == value.length()) {
            out.append(value).append('"');
            return;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean needsNoEscape(char c) {
        return c >= 0x20 && c != '"' && c != '\\';
    }
}
