package io.devstate.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class JsonTest {

    @Test
    void canonicalFormMatchesRfc8785Example() {
        // RFC 8785, section 3.2.2 (sorting, literals, numbers and string escaping at once).
        JsonNode input = Json.parse("{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
                + " \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + " \"literals\": [null, true, false]}", "input");

        assertThat(Json.canonical(input)).isEqualTo("{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void canonicalFormSortsByUtf16CodeUnitsAndKeepsUnicode() {
        JsonNode input = Json.parse("{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", "
                + "\"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\", \"1\": \"One\", "
                + "\"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\", "
                + "\"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}", "input");

        assertThat(Json.canonical(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void checksumIsSha256OfCanonicalBytes() {
        // Expected value computed independently (Python: json.dumps sort_keys, compact separators, hashlib).
        JsonNode state = Json.parse("{\"version\":\"1.0.0\",\"project\":\"demo\",\"current_cp\":\"CP1-LC\","
                + "\"no_drift\":true,\"agents\":[],\"artifact_checksums\":[],\"updated_at\":\"2026-11-25T10:00:00Z\"}",
                "state");

        assertThat(Json.checksum(state))
                .isEqualTo("sha256:98a9cf074f32e5f75df7fd426a289107153924cf5197851c5998b77f7f4f79e1");
    }

    @Test
    void renderedFilesUseTwoSpacesColonSpaceAndTrailingNewline() {
        JsonNode node = Json.normalise(Json.parse("{\"b\":{},\"a\":[1,{\"c\":null}],\"d\":[]}", "x"));

        assertThat(Json.renderFile(node)).isEqualTo("""
                {
                  "a": [
                    1,
                    {
                      "c": null
                    }
                  ],
                  "b": {},
                  "d": []
                }
                """);
    }

    @Test
    void normalisedValuesRenderDeterministically() {
        JsonNode first = Json.normalise(Json.parse("{\"n\": 1.50, \"big\": 1e21, \"small\": 1E-7}", "x"));
        JsonNode again = Json.normalise(Json.parse(Json.renderFile(first), "x"));

        assertThat(Json.renderFile(again)).isEqualTo(Json.renderFile(first));
        assertThat(Json.canonical(first)).isEqualTo("{\"big\":1e+21,\"n\":1.5,\"small\":1e-7}");
    }

    @Test
    void nulCharactersAreRefusedBeforeTheDatabase() {
        JsonNode node = Json.parse("{\"a\":[\"x\\u0000y\"]}", "x");

        assertThatThrownBy(() -> Json.requireStorable(node, "metadata")).isInstanceOf(Invalid.class);
    }

    @Test
    void malformedJsonIsInvalid() {
        assertThatThrownBy(() -> Json.parse("{\"a\":", "body")).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> Json.parse("{} {}", "body")).isInstanceOf(Invalid.class);
    }

    @Test
    void canonicalTextOfStoredJsonbEqualsCanonicalOfTheParsedValue() {
        // How PostgreSQL renders jsonb: members by key length, ", " and ": ", numbers as numeric keeps them.
        String stored = "{\"n\": 1.50, \"big\": 1000000000000000000000, \"neg\": 0, \"tiny\": 0.0000001, "
                + "\"huge\": 12345678901234567890, \"text\": \"\u00e9\\u0001\\\"\\\\\\n\", "
                + "\"nested\": {\"b\": [1, {\"z\": null, \"a\": true}], \"a\": {}}}";

        assertThat(Json.canonicalText(stored)).isEqualTo(Json.canonical(Json.parse(stored, "stored")));
        assertThat(Json.canonicalText(stored)).startsWith("{\"big\":1e+21,\"huge\":12345678901234567000,\"n\":1.5,");
    }
}
