package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KeySourcesTest {

    @Test
    void parsesKidSecretPairsInOrderSkippingCommentsAndBlankLines() {
        Map<String, String> keys = new LinkedHashMap<>();
        KeySources.parse(List.of("# rotated 2026-11", "", "k2:s2:with:colons", " k1:s1 "), "file", keys);

        assertThat(keys).containsExactly(Map.entry("k2", "s2:with:colons"), Map.entry("k1", "s1"));
        assertThat(new Keyring(keys).defaultKid()).isEqualTo("k2");
    }

    @Test
    void errorsNameTheLineButNeverTheSecret() {
        assertThatThrownBy(() -> KeySources.parse(List.of("no-colon-supersecret"), "DEVSTATE_HMAC_KEYS_FILE",
                new LinkedHashMap<>()))
                .hasMessageContaining("entry 1")
                .hasMessageNotContaining("supersecret");
        Map<String, String> keys = new LinkedHashMap<>();
        KeySources.parse(List.of("k1:a"), "x", keys);
        assertThatThrownBy(() -> KeySources.parse(List.of("k1:b"), "y", keys))
                .hasMessageContaining("k1")
                .hasMessageNotContaining(":b");
    }
}
