package io.devstate.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.contract.ContractValidationCallback;
import io.devstate.security.TokensProfile;
import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.McpClientCheck;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.Rfc9162;
import io.devstate.testsupport.SignedNotes;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every route family against the packaged service, in the form it ships: the jar after
 * {@code ./mvnw verify}, the native executable after {@code ./mvnw verify -Dnative}. What breaks only
 * in a native image (a class reached by reflection and not registered, a resource not included, a
 * class initialised at build time) breaks one of these. Responses on contract paths are checked
 * against openapi/devstate.yaml, as in the JVM tests. Tokens and two HMAC keys are configured; the
 * verify budget is small so that 429 is reachable.
 */
@QuarkusIntegrationTest
@TestProfile(EveryRouteFamilyIT.Packaged.class)
@WithTestResource(PostgresResource.class)
class EveryRouteFamilyIT {

    static final int VERIFY_PER_MINUTE = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The tokens of {@link TokensProfile}, keys k1 and k2, and a verify budget a test can use up. */
    public static class Packaged extends TokensProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            // k1 as in the other integration tests (the active kid is shared through the database).
            config.put("devstate.hmac.keys", "k1:every-route-k1-secret,k2:every-route-k2-secret");
            config.put("devstate.rate-limit.mutating-per-minute", "100000");
            config.put("devstate.rate-limit.verify-per-minute", String.valueOf(VERIFY_PER_MINUTE));
            return config;
        }
    }

    @BeforeAll
    static void checkResponsesAgainstTheContract() {
        ContractValidationCallback.install();
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification writer(String project) {
        return as(TokensProfile.WRITER_TOKEN).queryParam("project", project);
    }

    private static RequestSpecification admin(String project) {
        return as(TokensProfile.ADMIN_TOKEN).queryParam("project", project);
    }

    @Test
    void stateIsReplacedPatchedReadConditionallyAndValidated() {
        String project = Fixtures.newProject("native-state");
        String etag = writer(project).contentType(ContentType.JSON).body(Fixtures.validState("CP1-LC"))
                .when().put("/v1/devstate/state")
                .then().statusCode(200).body("version", equalTo(1))
                .extract().header("ETag");

        given().queryParam("project", project).header("If-None-Match", etag)
                .when().get("/v1/devstate/state").then().statusCode(304);
        String patched = writer(project).contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"current_cp\":\"CP2-LC\"}")
                .when().post("/v1/devstate/state")
                .then().statusCode(200).body("version", equalTo(2))
                .extract().header("ETag");
        writer(project).contentType("application/merge-patch+json").header("If-Match", etag)
                .body("{\"current_cp\":\"CP3-LC\"}")
                .when().post("/v1/devstate/state")
                .then().statusCode(412).contentType("application/problem+json");
        // The JSON Schema validator (its meta-schema, its messages) at work in the packaged service.
        writer(project).contentType(ContentType.JSON).body("{\"project\":\"demo\",\"current_cp\":42}")
                .when().put("/v1/devstate/state")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", notNullValue());

        given().queryParam("project", project).when().get("/v1/devstate/state")
                .then().statusCode(200)
                .header("ETag", patched)
                .body("version", equalTo(2))
                .body("json.current_cp", equalTo("CP2-LC"));
    }

    @Test
    void historyIsAppendedSearchedTombstonedAndVerified() {
        String project = Fixtures.newProject("native-history");
        for (int i = 1; i <= 3; i++) {
            writer(project).contentType(ContentType.JSON)
                    .body("{\"actor\":\"ci\",\"action\":\"build\",\"metadata\":{\"run\":" + i + ",\"token\":\"s3cr3t\"}}")
                    .when().post("/v1/devstate/history")
                    .then().statusCode(201).header("Location", containsString("/v1/devstate/history/" + i))
                    .body("seq", equalTo(i));
        }
        writer(project).header("DevState-Metadata", "{\"reason\":\"duplicate\"}")
                .when().delete("/v1/devstate/history/2")
                .then().statusCode(200).body("seq", equalTo(4)).body("target_seq", equalTo(2));

        given().queryParam("project", project).queryParam("actor", "ci").queryParam("limit", 2)
                .when().get("/v1/devstate/history/search")
                .then().statusCode(200)
                .body("items.seq", contains(3, 2))
                .body("items[0].metadata.token", equalTo("[MASKED]"))
                .body("items[1].tombstoned_by", equalTo(4))
                .body("next_cursor", notNullValue());
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("verified", equalTo(4));
    }

    @Test
    void anExportImportsBackByteIdentical() {
        String project = Fixtures.newProject("native-files");
        writer(project).contentType(ContentType.JSON).body(Fixtures.validState("CP1-LC"))
                .when().put("/v1/devstate/state").then().statusCode(200);
        writer(project).contentType(ContentType.JSON).body("{\"actor\":\"ci\",\"action\":\"note\",\"metadata\":{\"ü\":\"✓\"}}")
                .when().post("/v1/devstate/history").then().statusCode(201);
        Response export = given().queryParam("project", project).when().get("/v1/devstate/export");
        export.then().statusCode(200);
        Map<String, String> files = export.jsonPath().getMap("files");

        Fixtures.wipe(project);
        admin(project).contentType(ContentType.JSON).body(Map.of("files", files))
                .when().post("/v1/devstate/import")
                .then().statusCode(200).body("outcome", equalTo("created")).body("imported", equalTo(2));

        assertThat(given().queryParam("project", project).when().get("/v1/devstate/export").asString())
                .isEqualTo(export.asString());
        admin(project).contentType(ContentType.JSON).body(Map.of("files", files))
                .when().post("/v1/devstate/import")
                .then().statusCode(200).body("outcome", equalTo("unchanged"));
    }

    /** Ed25519 (the JDK's provider) and SHA-256 in the packaged service: the signature verifies, the proofs fit. */
    @Test
    void theLogSignsCheckpointsAndProvesInclusionAndConsistency() throws Exception {
        String project = Fixtures.newProject("native-log");
        for (int i = 1; i <= 5; i++) {
            writer(project).contentType(ContentType.JSON).body("{\"actor\":\"ci\",\"action\":\"note\"}")
                    .when().post("/v1/devstate/history").then().statusCode(201)
                    .body("log.leaf_index", equalTo(i - 1)).body("log.checkpoint_size", equalTo(i));
        }
        String key = given().queryParam("project", project).when().get("/v1/devstate/log/key")
                .then().statusCode(200).extract().path("verifier_key");
        SignedNotes.Checkpoint three = SignedNotes.verified(given().queryParam("project", project).queryParam("size", 3)
                .when().get("/v1/devstate/log/checkpoint").then().statusCode(200).extract().asString(), key);
        SignedNotes.Checkpoint five = SignedNotes.verified(given().queryParam("project", project)
                .when().get("/v1/devstate/log/checkpoint").then().statusCode(200).extract().asString(), key);
        assertThat(five.size()).isEqualTo(5);

        List<String> consistency = given().queryParam("project", project).queryParam("from", 3)
                .when().get("/v1/devstate/log/proof/consistency").then().statusCode(200).extract().path("hashes");
        assertThat(Rfc9162.verifyConsistency(3, 5, three.root(), five.root(),
                consistency.stream().map(Base64.getDecoder()::decode).toList())).isTrue();
        given().queryParam("project", project).queryParam("seq", 4)
                .when().get("/v1/devstate/log/proof/inclusion")
                .then().statusCode(200).body("leaf_index", equalTo(3)).body("tree_size", equalTo(5))
                .body("hashes.size()", equalTo(3));
        String tlogProof = given().queryParam("project", project).queryParam("seq", 4).queryParam("size", 5)
                .when().get("/v1/devstate/log/tlog-proof").then().statusCode(200).extract().asString();
        assertThat(tlogProof).startsWith("c2sp.org/tlog-proof@v1\nextra ").contains("\nindex 3\n")
                .endsWith("\n\n" + five.note());
    }

    @Test
    void theProjectsAreListedWithTheirHeadAndState() {
        String project = Fixtures.newProject("native-projects");
        writer(project).contentType(ContentType.JSON).body(Fixtures.validState("CP1-LC"))
                .when().put("/v1/devstate/state").then().statusCode(200);
        String cursor = null;
        Map<String, Object> found = null;
        do {
            var request = given().queryParam("limit", 50);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/v1/devstate/projects").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            found = items.stream().filter(item -> project.equals(item.get("project"))).findFirst().orElse(found);
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        assertThat(found).as("listed").isNotNull().containsEntry("head", Map.of("seq", 1, "hmac", given()
                .queryParam("project", project).when().get("/v1/devstate/history/1").then().statusCode(200)
                .extract().<String>path("hmac")));
        assertThat(found.get("state")).asString().contains("version=1");
    }

    @Test
    void aLockIsExclusiveAndGuardsTheState() {
        String project = Fixtures.newProject("native-locks");
        writer(project).contentType(ContentType.JSON).body(Fixtures.validState("CP1-LC"))
                .when().put("/v1/devstate/state").then().statusCode(200);
        String lock = writer(project).contentType(ContentType.JSON)
                .body("{\"scope\":\"state\",\"ttl_sec\":60,\"owner\":\"agent-7\"}")
                .when().post("/v1/devstate/locks")
                .then().statusCode(201).extract().path("lock_id");

        writer(project).contentType(ContentType.JSON).body("{\"scope\":\"state\",\"ttl_sec\":60,\"owner\":\"agent-8\"}")
                .when().post("/v1/devstate/locks").then().statusCode(409);
        writer(project).contentType("application/merge-patch+json").body("{\"current_cp\":\"CP2-LC\"}")
                .when().post("/v1/devstate/state")
                .then().statusCode(423).body("holder.owner", equalTo("agent-7"));
        writer(project).contentType("application/merge-patch+json").header("DevState-Lock", lock)
                .body("{\"current_cp\":\"CP2-LC\"}")
                .when().post("/v1/devstate/state").then().statusCode(200);
        given().queryParam("project", project).when().get("/v1/devstate/locks")
                .then().statusCode(200).body("items.lock_id", hasItem(lock));
        writer(project).when().delete("/v1/devstate/locks/" + lock).then().statusCode(204);
    }

    @Test
    void theSigningKeyRotatesAndBack() {
        String project = Fixtures.newProject("native-keys");
        try {
            admin(project).contentType(ContentType.JSON).body("{\"kid\":\"k2\"}")
                    .when().post("/v1/devstate/keys/rotate")
                    .then().statusCode(200).body("kid", equalTo("k2")).body("seq", equalTo(1));
            given().when().get("/v1/devstate/keys/active").then().statusCode(200).body("kid", equalTo("k2"));
            admin(project).contentType(ContentType.JSON).body("{\"kid\":\"k9\"}")
                    .when().post("/v1/devstate/keys/rotate")
                    .then().statusCode(422).body("field", equalTo("kid"));
        } finally {
            // The other integration tests on this database sign with k1.
            admin(project).contentType(ContentType.JSON).body("{\"kid\":\"k1\"}")
                    .when().post("/v1/devstate/keys/rotate").then().statusCode(200);
        }
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("verified", equalTo(2));
    }

    @Test
    void rolesAreEnforced() {
        String project = Fixtures.newProject("native-auth");
        given().queryParam("project", project).contentType(ContentType.JSON).body("{\"actor\":\"a\",\"action\":\"note\"}")
                .when().post("/v1/devstate/history")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        as("not-a-token").queryParam("project", project).when().get("/v1/devstate/verify")
                .then().statusCode(401);
        as(TokensProfile.VIEWER_TOKEN).queryParam("project", project).contentType(ContentType.JSON)
                .body(Fixtures.validState("CP1-LC"))
                .when().put("/v1/devstate/state")
                .then().statusCode(403).body("type", equalTo("urn:devstate:problem:forbidden"));
        as(TokensProfile.WRITER_TOKEN).queryParam("project", project).contentType(ContentType.JSON)
                .body("{\"kid\":\"k2\"}")
                .when().post("/v1/devstate/keys/rotate")
                .then().statusCode(403);
    }

    @Test
    void verifyBeyondTheBudgetIsRateLimited() {
        // Only this test verifies as the viewer principal, so its bucket is this test's alone.
        String project = Fixtures.newProject("native-limit");
        for (int i = 0; i < VERIFY_PER_MINUTE; i++) {
            as(TokensProfile.VIEWER_TOKEN).queryParam("project", project).when().get("/v1/devstate/verify")
                    .then().statusCode(200);
        }
        as(TokensProfile.VIEWER_TOKEN).queryParam("project", project).when().get("/v1/devstate/verify")
                .then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:devstate:problem:rate-limited"));
    }

    @Test
    void healthProbesAndMetricsAnswer() {
        given().when().get("/health").then().statusCode(200).body("status", equalTo("ok"));
        for (String probe : new String[] { "live", "ready", "started" }) {
            given().when().get("/q/health/" + probe).then().statusCode(200).body("status", equalTo("UP"));
        }
        String project = Fixtures.newProject("native-metrics");
        writer(project).contentType(ContentType.JSON).body("{\"actor\":\"ci\",\"action\":\"note\"}")
                .when().post("/v1/devstate/history").then().statusCode(201);
        for (String path : new String[] { "/q/metrics", "/metrics" }) {
            assertThat(given().when().get(path).then().statusCode(200).extract().asString())
                    .contains("devstate_history_appends_total{project=\"" + project + "\"} 1.0")
                    .contains("devstate_request_total{route=\"POST /v1/devstate/history\",status=\"201\",transport=\"http\"}")
                    .contains("devstate_append_duration_seconds_bucket")
                    .contains("jvm_memory_used_bytes");
        }
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/devstate/state"));
    }

    @Test
    void mcpInitializesAndCallsATool() throws IOException {
        Response init = mcp(null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                 "capabilities":{},"clientInfo":{"name":"every-route-it","version":"1"}}}""");
        String session = init.header("Mcp-Session-Id");
        assertThat(session).as("Mcp-Session-Id of %s", init.asString()).isNotBlank();
        assertThat(rpcResult(init).path("serverInfo").path("name").asText()).isNotBlank();
        mcp(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

        String project = Fixtures.newProject("native-mcp");
        JsonNode appended = rpcResult(mcp(session, """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"append_history",
                 "arguments":{"project":"%s","actor":"agent-7","action":"review","metadata":{"pr":12}}}}""".formatted(project)));
        assertThat(appended.path("isError").asBoolean()).as("%s", appended).isFalse();
        JsonNode verified = rpcResult(mcp(session, """
                {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"verify_hmac_chain",
                 "arguments":{"project":"%s"}}}""".formatted(project)));
        assertThat(verified.toString()).contains("\"verified\":1");
    }

    @Test
    void theOfficialMcpClientDoesEveryOperation() throws IOException, InterruptedException {
        assertThat(McpClientCheck.run(RestAssured.port, TokensProfile.ADMIN_TOKEN))
                .contains("ok: append_history without a token is refused: a 401 tool error");
    }

    private static Response mcp(String session, String body) {
        RequestSpecification request = as(TokensProfile.WRITER_TOKEN)
                .contentType(ContentType.JSON)
                .accept("application/json, text/event-stream")
                .body(body);
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        Response response = request.when().post("/mcp");
        assertThat(response.statusCode()).as("POST /mcp %s -> %s", body, response.asString()).isBetween(200, 202);
        return response;
    }

    /** The JSON-RPC result of a Streamable HTTP answer, sent as JSON or as one server-sent event. */
    private static JsonNode rpcResult(Response response) throws IOException {
        String body = response.asString();
        if (String.valueOf(response.contentType()).startsWith("text/event-stream")) {
            body = body.lines().filter(line -> line.startsWith("data:")).map(line -> line.substring(5).trim())
                    .findFirst().orElseThrow(() -> new AssertionError("no data in " + response.asString()));
        }
        JsonNode message = JSON.readTree(body);
        assertThat(message.has("result")).as("JSON-RPC result in %s", body).isTrue();
        return message.get("result");
    }
}
