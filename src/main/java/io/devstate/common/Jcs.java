package io.devstate.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.erdtman.jcs.NumberToJSON;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * RFC 8785 (JCS) canonical text. The number form, the hard part (ECMAScript's shortest double), is
 * the JCS library's ({@code java-json-canonicalization}); parsing is Jackson's streaming parser and
 * the rest (member order by UTF-16 code units, compact separators, string escapes) is written here.
 *
 * <p>Why not the library's canonicaliser end to end: its character-by-character parser and
 * serialiser were a third of a verify's CPU (a JFR profile of verifying 100k entries,
 * docs/PERFORMANCE.md); every stored entry's metadata passes through here. {@code JcsTest} holds
 * this writer to the library's output over many generated documents.
 */
public final class Jcs {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(RequestJsonLimits.MAX_NESTING_DEPTH + 8)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private static final long MAX_EXACT_LONG = 1L << 53;

    private Jcs() {
    }

    /** The canonical form of JSON text; malformed text or a number outside double's range fails. */
    public static String canonical(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            StringBuilder out = new StringBuilder(json.length());
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON value");
            }
            value(parser, first, out);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the JSON value");
            }
            return out.toString();
        }
    }

    private static void value(JsonParser parser, JsonToken token, StringBuilder out) throws IOException {
        switch (token) {
            case START_OBJECT -> object(parser, out);
            case START_ARRAY -> array(parser, out);
            case VALUE_STRING -> string(out, parser.getText());
            case VALUE_NUMBER_INT -> out.append(integer(parser));
            case VALUE_NUMBER_FLOAT -> out.append(number(parser.getValueAsDouble()));
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IOException("unexpected " + token);
        }
    }

    private static void array(JsonParser parser, StringBuilder out) throws IOException {
        out.append('[');
        boolean first = true;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (!first) {
                out.append(',');
            }
            value(parser, token, out);
            first = false;
        }
        out.append(']');
    }

    private static void object(JsonParser parser, StringBuilder out) throws IOException {
        List<Map.Entry<String, String>> members = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            StringBuilder member = new StringBuilder();
            value(parser, parser.nextToken(), member);
            members.add(Map.entry(name, member.toString()));
        }
        // String.compareTo orders by UTF-16 code units, which is what RFC 8785 section 3.2.3 asks.
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, members.get(i).getKey());
            out.append(':').append(members.get(i).getValue());
        }
        out.append('}');
    }

    /** A JSON number as JCS writes it: the value as an IEEE-754 double, in ECMAScript form. */
    public static String number(double value) throws IOException {
        return NumberToJSON.serializeNumber(value);
    }

    /**
     * {@link #number(double)} for a whole number. Up to 2^53 in magnitude a long is exactly a double
     * and ECMAScript writes it as its plain digits (as {@link Long#toString}); larger ones round.
     */
    public static String number(long value) throws IOException {
        return value >= -MAX_EXACT_LONG && value <= MAX_EXACT_LONG ? Long.toString(value) : number((double) value);
    }

    private static String integer(JsonParser parser) throws IOException {
        JsonParser.NumberType type = parser.getNumberType();
        return type == JsonParser.NumberType.BIG_INTEGER
                ? number(parser.getValueAsDouble())
                : number(parser.getLongValue());
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
