package io.devstate.log;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.unsignedEntries;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;


import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.Rfc9162;
import io.devstate.testsupport.SignedNotes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;


import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The log over HTTP, checked from the outside: the checkpoint's Ed25519 signature verifies with
 * the published key (the JDK's own verifier, the note format parsed here), its root is the tree
 * of the exported entries (leaves computed here from the export with the JCS library), and every
 * inclusion and consistency proof passes RFC 9162's verification, which fails for anything else.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class LogResourceTest {

    private static String note(String project, Long size) {
        var request = given().queryParam("project", project);
        if (size != null) {
            request.queryParam("size", size);
        }
        return request.when().get("/v1/devstate/log/checkpoint")
                .then().statusCode(200).contentType("text/plain").extract().asString();
    }

    private static Map<String, String> key(String project) {
        return given().queryParam("project", project).when().get("/v1/devstate/log/key")
                .then().statusCode(200).extract().jsonPath().getMap("", String.class, String.class);
    }

    /** The leaf hashes of the exported entries, computed from the export (not by the service). */
    private static List<byte[]> exportedLeaves(String project) {
        Map<String, String> files = given().queryParam("project", project).when().get("/v1/devstate/export")
                .then().statusCode(200).extract().path("files");
        return Rfc9162.leavesOfHistoryFile(files.get(".trae/history.json"));
    }

    private static List<byte[]> hashes(List<String> base64) {
        return base64.stream().map(Base64.getDecoder()::decode).toList();
    }

    @Test
    void theCheckpointIsSignedAndItsRootIsTheTreeOfTheExportedEntries() throws Exception {
        String project = newProject("log");
        putState(project, validState("CP1-LC"));
        append(project, "agent", "note", "{\"unicode\":\"ünïcødé ✓\",\"n\":1e21,\"z\":[1,2.50]}");
        append(project, "agent", "note", null);
        given().queryParam("project", project).when().delete("/v1/devstate/history/2").then().statusCode(200);

        Map<String, String> key = key(project);
        assertThat(key.get("origin")).isEqualTo("devstate.localhost/" + project);
        SignedNotes.Checkpoint checkpoint = SignedNotes.verified(note(project, null), key.get("verifier_key"));
        List<byte[]> leaves = exportedLeaves(project);

        assertThat(checkpoint.origin()).isEqualTo("devstate.localhost/" + project);
        assertThat(checkpoint.size()).isEqualTo(4).isEqualTo(leaves.size());
        assertThat(checkpoint.root()).isEqualTo(Rfc9162.root(leaves));
        assertThat(note(project, null)).as("deterministic").isEqualTo(checkpoint.note());
    }

    @Test
    void everyProofVerifiesAgainstTheCheckpointsAndNothingElseDoes() throws Exception {
        String project = newProject("proofs");
        String verifierKey = key(project).get("verifier_key");
        List<SignedNotes.Checkpoint> seen = new ArrayList<>();
        seen.add(SignedNotes.verified(note(project, null), verifierKey)); // the empty tree
        assertThat(seen.get(0).size()).isZero();
        for (int i = 0; i < 13; i++) {
            append(project, "agent-" + i, "note", "{\"i\":" + i + "}");
            seen.add(SignedNotes.verified(note(project, null), verifierKey));
        }
        List<byte[]> leaves = exportedLeaves(project);

        for (SignedNotes.Checkpoint at : seen) {
            assertThat(SignedNotes.verified(note(project, at.size()), verifierKey).note()).as("checkpoint of size %d again", at.size())
                    .isEqualTo(at.note());
            for (long seq = 1; seq <= at.size(); seq++) {
                List<byte[]> path = hashes(given().queryParam("project", project).queryParam("seq", seq)
                        .queryParam("size", at.size()).when().get("/v1/devstate/log/proof/inclusion")
                        .then().statusCode(200).body("leaf_index", equalTo((int) seq - 1))
                        .body("tree_size", equalTo((int) at.size())).extract().path("hashes"));
                assertThat(Rfc9162.verifyInclusion(seq - 1, at.size(), leaves.get((int) seq - 1), path, at.root()))
                        .as("entry %d in %d", seq, at.size()).isTrue();
                byte[] other = leaves.get((int) (seq % at.size()));
                if (at.size() > 1) {
                    assertThat(Rfc9162.verifyInclusion(seq - 1, at.size(), other, path, at.root())).isFalse();
                }
            }
            for (SignedNotes.Checkpoint older : seen.subList(0, (int) at.size() + 1)) {
                List<byte[]> proof = hashes(given().queryParam("project", project).queryParam("from", older.size())
                        .queryParam("to", at.size()).when().get("/v1/devstate/log/proof/consistency")
                        .then().statusCode(200).extract().path("hashes"));
                assertThat(Rfc9162.verifyConsistency(older.size(), at.size(), older.root(), at.root(), proof))
                        .as("%d → %d", older.size(), at.size()).isTrue();
                if (older.size() > 0 && older.size() < at.size()) {
                    byte[] forged = Rfc9162.leafHash("forged".getBytes(StandardCharsets.UTF_8));
                    assertThat(Rfc9162.verifyConsistency(older.size(), at.size(), forged, at.root(), proof))
                            .as("a forged older root").isFalse();
                }
            }
        }
    }

    @Test
    void everyWriteAnswersWhereItsEntryIsInTheLog() throws Exception {
        String project = newProject("positions");
        String verifierKey = key(project).get("verifier_key");
        putState(project, validState("CP1-POS")).body("log.leaf_index", equalTo(0)).body("log.checkpoint_size", equalTo(1));
        append(project, "agent", "note", null).body("log.leaf_index", equalTo(1)).body("log.checkpoint_size", equalTo(2));
        given().queryParam("project", project).when().delete("/v1/devstate/history/2").then().statusCode(200)
                .body("seq", equalTo(3)).body("log.leaf_index", equalTo(2)).body("log.checkpoint_size", equalTo(3));
        String body = "{\"actor\":\"agent\",\"action\":\"retry\"}";
        for (int attempt = 0; attempt < 2; attempt++) {
            given().contentType("application/json").header("Idempotency-Key", "positions-1").queryParam("project", project)
                    .body(body).when().post("/v1/devstate/history").then().statusCode(201)
                    .body("seq", equalTo(4)).body("log.leaf_index", equalTo(3)).body("log.checkpoint_size", equalTo(4));
        }

        // Concurrent writes share group commits: each answers the size its batch published, which includes it.
        List<java.util.concurrent.CompletableFuture<Map<String, Object>>> writes = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            writes.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> append(project, "agent", "burst", null)
                    .extract().<Map<String, Object>>path("")));
        }
        // Every write answered first: the export then has every leaf (read earlier, it may lack the last ones).
        List<Map<String, Object>> results = writes.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        List<byte[]> leaves = exportedLeaves(project);
        for (Map<String, Object> result : results) {
            long seq = ((Number) result.get("seq")).longValue();
            @SuppressWarnings("unchecked")
            Map<String, Number> log = (Map<String, Number>) result.get("log");
            long size = log.get("checkpoint_size").longValue();
            assertThat(log.get("leaf_index").longValue()).isEqualTo(seq - 1);
            assertThat(size).isBetween(seq, 28L);
            SignedNotes.Checkpoint checkpoint = SignedNotes.verified(note(project, size), verifierKey);
            List<byte[]> path = hashes(given().queryParam("project", project).queryParam("seq", seq)
                    .queryParam("size", size).when().get("/v1/devstate/log/proof/inclusion")
                    .then().statusCode(200).extract().path("hashes"));
            assertThat(Rfc9162.verifyInclusion(seq - 1, size, leaves.get((int) seq - 1), path, checkpoint.root()))
                    .as("entry %d in the checkpoint of %d its write answered", seq, size).isTrue();
        }
    }

    @Test
    void theTlogProofCarriesTheEntryItsProofAndTheCheckpoint() throws Exception {
        String project = newProject("tlog-proof");
        for (int i = 0; i < 6; i++) {
            append(project, "agent-" + i, "note", "{\"i\":" + i + "}");
        }
        String verifierKey = key(project).get("verifier_key");
        List<byte[]> leaves = exportedLeaves(project);
        for (long size : new long[] { 6, 4 }) {
            for (long seq = 1; seq <= size; seq++) {
                var request = given().queryParam("project", project).queryParam("seq", seq);
                if (size == 4) {
                    request.queryParam("size", size);
                }
                String text = request.when().get("/v1/devstate/log/tlog-proof")
                        .then().statusCode(200).contentType("text/plain").extract().asString();
                String[] parts = text.split("\n\n", 2);
                List<String> lines = List.of(parts[0].split("\n"));
                assertThat(lines.get(0)).isEqualTo("c2sp.org/tlog-proof@v1");
                assertThat(lines.get(1)).startsWith("extra ");
                assertThat(lines.get(2)).isEqualTo("index " + (seq - 1));
                byte[] extra = Base64.getDecoder().decode(lines.get(1).substring("extra ".length()));
                assertThat(Rfc9162.leafHash(extra)).as("the extra data is entry %d's leaf data", seq)
                        .isEqualTo(leaves.get((int) seq - 1));
                SignedNotes.Checkpoint checkpoint = SignedNotes.verified(parts[1], verifierKey);
                assertThat(checkpoint.size()).isEqualTo(size);
                List<byte[]> path = hashes(lines.subList(3, lines.size()));
                assertThat(Rfc9162.verifyInclusion(seq - 1, size, Rfc9162.leafHash(extra), path, checkpoint.root()))
                        .as("entry %d in %d", seq, size).isTrue();
            }
        }
        given().queryParam("project", project).when().get("/v1/devstate/log/tlog-proof")
                .then().statusCode(400).body("field", equalTo("seq"));
        given().queryParam("project", project).queryParam("seq", 7).when().get("/v1/devstate/log/tlog-proof")
                .then().statusCode(404).body("field", equalTo("seq"));
        given().queryParam("project", project).queryParam("seq", 1).queryParam("size", 7)
                .when().get("/v1/devstate/log/tlog-proof").then().statusCode(404).body("field", equalTo("size"));
    }

    @Test
    void aChainWrittenWithoutTheLogGetsItsLeavesOnItsNextWrite() throws Exception {
        String project = newProject("catch-up");
        unsignedEntries(project, 600, 20); // rows only, as before the log existed: more than two tiles
        assertThat(SignedNotes.verified(note(project, null), key(project).get("verifier_key")).size()).isZero();

        append(project, "agent", "note", null);

        SignedNotes.Checkpoint checkpoint = SignedNotes.verified(note(project, null), key(project).get("verifier_key"));
        List<byte[]> leaves = exportedLeaves(project);
        assertThat(checkpoint.size()).isEqualTo(601);
        assertThat(checkpoint.root()).isEqualTo(Rfc9162.root(leaves));
    }

    @Test
    void anImportedCheckpointMustBeTheTreeOfTheImportedEntries() {
        String project = newProject("log-import");
        append(project, "agent", "note", null);
        append(project, "agent", "note", null);
        Map<String, String> files = new java.util.HashMap<>(given().queryParam("project", project)
                .when().get("/v1/devstate/export").then().statusCode(200).extract().<Map<String, String>>path("files"));
        String note = files.get(".trae/checkpoint");
        io.devstate.testsupport.Fixtures.wipe(project);
        files.put(".trae/checkpoint", note.replaceFirst("\n2\n", "\n1\n"));
        given().contentType("application/json").queryParam("project", project).body(Map.of("files", files))
                .when().post("/v1/devstate/import").then().statusCode(422).body("field", equalTo("files"));
        files.put(".trae/checkpoint", note);
        given().contentType("application/json").queryParam("project", project).body(Map.of("files", files))
                .when().post("/v1/devstate/import").then().statusCode(200).body("imported", equalTo(2));
    }

    @Test
    void requestsOutsideTheLogAreNotFoundAndMalformedOnesBadRequests() {
        String project = newProject("log-bad");
        append(project, "agent", "note", null);
        given().queryParam("project", project).when().get("/v1/devstate/log/proof/inclusion")
                .then().statusCode(400).body("field", equalTo("seq"));
        given().queryParam("project", project).queryParam("seq", 2).when().get("/v1/devstate/log/proof/inclusion")
                .then().statusCode(404).body("field", equalTo("seq"));
        given().queryParam("project", project).queryParam("seq", 1).queryParam("size", 2)
                .when().get("/v1/devstate/log/proof/inclusion").then().statusCode(404).body("field", equalTo("size"));
        given().queryParam("project", project).queryParam("from", 1).queryParam("to", 0)
                .when().get("/v1/devstate/log/proof/consistency").then().statusCode(422).body("field", equalTo("from"));
        given().queryParam("project", project).queryParam("size", 5).when().get("/v1/devstate/log/checkpoint")
                .then().statusCode(404).contentType("application/problem+json").body("field", equalTo("size"));
        given().queryParam("project", project).queryParam("size", "x").when().get("/v1/devstate/log/checkpoint")
                .then().statusCode(400).body("field", equalTo("size"));
        given().queryParam("project", "Not A Project").when().get("/v1/devstate/log/checkpoint").then().statusCode(400);
    }
}
