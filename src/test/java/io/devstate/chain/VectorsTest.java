package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.common.Json;
import io.devstate.files.HistoryFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the shared vectors of docs/vectors (also run by the TypeScript, Go and Python verifiers)
 * through the service's own chain code: the import parser ({@link HistoryFile#parse}),
 * {@link ChainSigner} and {@link ChainVerifier}, and the state checksum ({@link Json#checksum}).
 */
class VectorsTest {

    private static final Path VECTORS = Path.of("docs", "vectors");

    private static JsonNode read(String name) throws IOException {
        return Json.mapper().readTree(Files.readString(VECTORS.resolve(name)));
    }

    /** The vector's keys, in file order. */
    static Keyring keyring(JsonNode keys) {
        Map<String, String> secrets = new LinkedHashMap<>();
        keys.properties().forEach(key -> secrets.put(key.getKey(), key.getValue().textValue()));
        return new Keyring(secrets);
    }

    @TestFactory
    Stream<DynamicTest> chainVectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : read("chains.json").get("cases")) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").textValue(), () -> {
                JsonNode history = vector.get("history");
                String project = history.get("project").textValue();
                List<ChainEntry> entries = HistoryFile.parse(Json.compact(history), project);
                ChainSigner signer = new ChainSigner(keyring(vector.get("keys")));
                ChainVerifier verifier = ChainVerifier.fromGenesis(signer);
                for (ChainEntry entry : entries) {
                    if (!verifier.accept(entry)) {
                        break;
                    }
                }
                JsonNode actual = Json.mapper().valueToTree(verifier.result());
                assertThat(Json.canonical(actual)).isEqualTo(Json.canonical(vector.get("expected")));
                if (vector.has("messages")) {
                    for (int i = 0; i < entries.size(); i++) {
                        assertThat(ChainSigner.message(entries.get(i))).isEqualTo(vector.get("messages").get(i).textValue());
                    }
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> stateChecksumVectors() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : read("state-checksums.json").get("cases")) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").textValue(), () -> {
                JsonNode state = vector.get("state");
                assertThat(Json.canonical(state)).isEqualTo(vector.get("canonical").textValue());
                assertThat(Json.checksum(state)).isEqualTo(vector.get("checksum").textValue());
            }));
        }
        return tests.stream();
    }
}
