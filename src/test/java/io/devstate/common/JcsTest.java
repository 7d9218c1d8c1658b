package io.devstate.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** The written-out number form against the JCS library (strings: {@code ChainSignerTest}). */
class JcsTest {

    @Test
    void wholeNumbersAroundTwoToThe53AsTheLibrary() throws IOException {
        for (long base : new long[] { 0, 1L << 53, Long.MAX_VALUE, Long.MIN_VALUE + 2, 1L << 62 }) {
            for (long delta = -2; delta <= 2; delta++) {
                for (long value : new long[] { base + delta, -(base + delta) }) {
                    String library = new JsonCanonicalizer("[" + value + "]").getEncodedString();
                    assertThat("[" + Jcs.number(value) + "]").as("%d", value).isEqualTo(library);
                }
            }
        }
    }
}
