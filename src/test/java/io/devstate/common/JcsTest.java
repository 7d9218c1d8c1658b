package io.devstate.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.SplittableRandom;

import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** {@link Jcs} against the JCS library over generated documents: the library is the oracle. */
class JcsTest {

    private static final String[] ODD_CHARS = { "\"", "\\", "\n", "\t", "\u0001", "\u001f", "\u007f", "\u00e9",
        "\u20ac", "\ud83d\ude00", "\uffff", "/", " ", "1", "A", "a", "\u0080", "\ufb33" };
    private static final String[] NUMBERS = { "0", "-0", "1", "-1", "1.50", "1e21", "1E-7", "1e+2", "0.1", "5e-324",
        "1.7976931348623157e308", "12345678901234567890", "9007199254740993", "123456789012345678901234567890",
        "0.000001", "0.0000001", "100", "1e20", "-3.4e-10", "2.5E3", "4.35", "333333333.3333333" };

    private static String library(String json) throws IOException {
        return new JsonCanonicalizer(json).getEncodedString();
    }

    @Test
    void generatedDocumentsCanonicaliseAsTheLibraryDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(8785);
        for (int i = 0; i < 20_000; i++) {
            // The library takes an object or array at the top; RFC 8785 (and Jcs) take any value.
            String json = "[" + value(random, 0, random.nextBoolean()) + "]";
            assertThat(Jcs.canonical(json)).as(json).isEqualTo(library(json));
        }
    }

    @Test
    void randomDoublesAsTheLibrary() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                String json = "[" + value + "]";
                assertThat(Jcs.canonical(json)).as(json).isEqualTo(library(json));
            }
        }
    }

    @Test
    void wholeNumbersAroundTwoToThe53AsTheLibrary() throws IOException {
        for (long base : new long[] { 0, 1L << 53, Long.MAX_VALUE, Long.MIN_VALUE + 2, 1L << 62 }) {
            for (long delta = -2; delta <= 2; delta++) {
                for (long value : new long[] { base + delta, -(base + delta) }) {
                    String json = "[" + value + "]";
                    assertThat(Jcs.canonical(json)).as(json).isEqualTo(library(json));
                    assertThat(Jcs.number(value)).as(json).isEqualTo(Jcs.number((double) value));
                }
            }
        }
    }

    @Test
    void malformedTextAndNumbersOutsideDoubleFail() {
        assertThatThrownBy(() -> Jcs.canonical("{\"a\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Jcs.canonical("{} {}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Jcs.canonical("")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Jcs.canonical("[1e400]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Jcs.canonical("[NaN]")).isInstanceOf(IOException.class);
    }

    /** A JSON value; with {@code spaced}, laid out as PostgreSQL renders jsonb ({@code ", "}, {@code ": "}). */
    private static String value(SplittableRandom random, int depth, boolean spaced) {
        int kind = depth >= 4 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> string(random);
            case 1 -> NUMBERS[random.nextInt(NUMBERS.length)];
            case 2 -> random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null";
            case 3 -> Long.toString(random.nextLong());
            case 4 -> {
                StringBuilder array = new StringBuilder("[");
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.append(value(random, depth + 1, spaced)).append(i > 1 ? (spaced ? ", " : ",") : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                int members = random.nextInt(5);
                for (int i = 0; i < members; i++) {
                    // Distinct names: a key repeated would be a duplicate member, which jsonb never stores.
                    object.append(string(random).replace("\"", "").isEmpty() ? "\"k" + i + "\"" : "\"" + i + "_"
                            + string(random).substring(1))
                            .append(spaced ? ": " : ":").append(value(random, depth + 1, spaced))
                            .append(i < members - 1 ? (spaced ? ", " : ",") : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    /** A JSON string literal of odd and plain characters, escaped the way JSON text may write them. */
    private static String string(SplittableRandom random) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = random.nextInt(6); i > 0; i--) {
            String c = ODD_CHARS[random.nextInt(ODD_CHARS.length)];
            text.append(switch (c) {
                case "\"" -> "\\\"";
                case "\\" -> random.nextBoolean() ? "\\\\" : "\\u005c";
                case "\n" -> random.nextBoolean() ? "\\n" : "\\u000a";
                case "\t" -> "\\t";
                case "\u0001" -> "\\u0001";
                case "\u001f" -> "\\u001F";
                case "/" -> random.nextBoolean() ? "/" : "\\/";
                default -> c;
            });
        }
        return text.append('"').toString();
    }
}
