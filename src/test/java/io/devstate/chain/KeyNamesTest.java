package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.common.Json;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** Look-alike spellings of a masked key are masked too. */
class KeyNamesTest {

    private final AuditMetadata audit = new AuditMetadata(Set.of("password", "api_key"));

    private JsonNode finished(String metadataJson) {
        EntryDraft draft = new EntryDraft("a", "note", null, null, null, Json.parse(metadataJson, "metadata"), null);
        return audit.finish(draft).metadata();
    }

    @Test
    void lookAlikeKeysAreMasked() {
        for (String key : new String[] { "Pass\\u200bword", "\\uff50\\uff41\\uff53\\uff53\\uff57\\uff4f\\uff52\\uff44",
                "pa\\u017f\\u017fword", "PASSWORD", "pass\\u00adword", "\\ufeffpassword", "API\\u2060_KEY",
                "pa\\u0073\\u0073word\\ufe0f" }) {
            JsonNode metadata = finished("{\"" + key + "\":\"hunter2\"}");
            assertThat(metadata.toString()).as(key).doesNotContain("hunter2").contains(AuditMetadata.MASK);
        }
    }

    @Test
    void otherKeysAreKeptAsTheyAre() {
        JsonNode metadata = finished("{\"passwords_rotated\":3,\"pass word\":\"x\",\"ｎｏｔｅ\":\"y\"}");
        assertThat(metadata.get("passwords_rotated").asInt()).isEqualTo(3);
        assertThat(metadata.get("pass word").asText()).isEqualTo("x");
        assertThat(metadata.get("ｎｏｔｅ").asText()).isEqualTo("y");
    }
}
