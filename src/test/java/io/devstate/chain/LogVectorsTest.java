package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.files.HistoryFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The service's log against docs/vectors/log.json, which docs/vectors/loggen writes with the
 * transparency ecosystem's own Go libraries (transparency-dev/merkle, transparency-dev/formats,
 * golang.org/x/mod/sumdb/note): the same leaves, roots, checkpoint bytes and proofs, so what the
 * service serves is what those libraries (and the TypeScript and Python verifiers, which run the
 * same file) accept.
 */
class LogVectorsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode vectors() throws IOException {
        return MAPPER.readTree(Files.readString(Path.of("docs", "vectors", "log.json")));
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void leavesRootsCheckpointsAndProofsAreTheGoLibrariesOnes() throws IOException {
        JsonNode v = vectors();
        String project = v.get("project").asText();
        LogSigner signer = new LogSigner(v.get("key").get("log_key").asText(), "unused");
        assertThat(signer.verifierKey(project)).isEqualTo(v.get("key").get("verifier_key").asText());

        List<ChainEntry> entries = new ArrayList<>();
        try (HistoryFile.Reader reader = new HistoryFile.Reader(MAPPER.writeValueAsString(v.get("history")), project)) {
            for (ChainEntry entry; (entry = reader.next()) != null;) {
                entries.add(entry);
            }
        }
        TreeTiles tree = TreeTiles.empty();
        Map<TileNodes.TileId, TreeTiles.Tile> tiles = new HashMap<>();
        Map<Long, byte[]> roots = new HashMap<>();
        roots.put(0L, tree.root());
        for (JsonNode leaf : v.get("leaves")) {
            ChainEntry entry = entries.get(leaf.get("index").asInt());
            assertThat(new String(ChainSigner.leafData(entry), StandardCharsets.UTF_8)).isEqualTo(leaf.get("leaf_data").asText());
            byte[] hash = MerkleHash.leaf(ChainSigner.leafData(entry));
            assertThat(HexFormat.of().formatHex(hash)).isEqualTo(leaf.get("leaf_hash").asText());
            tree.append(hash).forEach(tile -> tiles.put(new TileNodes.TileId(tile.level(), tile.index()), tile));
            roots.put(tree.size(), tree.root());
        }
        for (JsonNode checkpoint : v.get("checkpoints")) {
            long size = checkpoint.get("size").asLong();
            assertThat(Base64.getEncoder().encodeToString(roots.get(size))).isEqualTo(checkpoint.get("root").asText());
            assertThat(signer.checkpoint(project, size, roots.get(size))).as("checkpoint of %d", size)
                    .isEqualTo(checkpoint.get("note").asText());
        }
        TreeProofs proofs = new TreeProofs(TileNodes.from(tree, tiles));
        for (JsonNode inclusion : v.get("inclusion")) {
            assertThat(base64(proofs.inclusion(inclusion.get("index").asLong(), inclusion.get("size").asLong())))
                    .as("inclusion %s", inclusion.get("index")).isEqualTo(strings(inclusion.get("proof")));
        }
        for (JsonNode consistency : v.get("consistency")) {
            assertThat(base64(proofs.consistency(consistency.get("from").asLong(), consistency.get("to").asLong())))
                    .as("consistency %s → %s", consistency.get("from"), consistency.get("to"))
                    .isEqualTo(strings(consistency.get("proof")));
        }
        for (JsonNode expected : v.get("tlog_proofs")) {
            int index = expected.get("index").asInt();
            long size = expected.get("size").asLong();
            assertThat(TlogProof.format(ChainSigner.leafData(entries.get(index)), index, proofs.inclusion(index, size),
                    signer.checkpoint(project, size, roots.get(size))))
                    .as("tlog-proof of %d in %d", index, size).isEqualTo(expected.get("proof").asText());
        }
        assertThat(v.get("tlog_proofs")).hasSize(5);
        assertThat(v.get("inclusion")).hasSize(66);
        assertThat(v.get("consistency")).hasSize(78);
    }
}
