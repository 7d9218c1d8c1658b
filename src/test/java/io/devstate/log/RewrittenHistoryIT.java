package io.devstate.log;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainSigner;
import io.devstate.testsupport.ExternalProcess;
import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.ProjectTools;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the log adds to the HMAC chain, shown against the packaged service: someone with the
 * database and the HMAC key changes an entry, re-signs the chain from there and puts it back. The
 * HMAC chain verifies — it cannot tell — while every client that trusted the log before refuses it:
 * the CLI (`devstate verify`), and the TrustedHead helpers of the TypeScript, Python and Go clients,
 * each run as its own process through its own example program.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(RewrittenHistoryIT.HmacKey.class)
class RewrittenHistoryIT {

    static final String KID = "k1";
    static final String SECRET = "rewritten-history-it-secret";
    private static final Path CLI = Path.of("target", "tools", "devstate");
    /** Built, not `go run`: `go run` answers 1 for any exit code of the program. */
    private static final Path GO_CHECK = Path.of("target", "tools", "trusted-head");
    private static final int EXIT_REWRITTEN = 7;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service's HMAC key, which the "superuser" of this test also holds. */
    public static class HmacKey implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("devstate.hmac.kid", KID, "devstate.hmac.secret", SECRET);
        }

        @Override
        public void stop() {
            // nothing to stop
        }
    }

    @TempDir
    Path tmp;

    @BeforeAll
    static void clientsAreBuilt() throws Exception {
        ProjectTools.ensure("scripts/lib/cli.sh", "--no-test");
        ProjectTools.ensure("scripts/lib/client-deps.sh");
        ExternalProcess.Result build = ExternalProcess.of("npm", "run", "--silent", "build")
                .directory(Path.of("clients", "typescript")).timeout(Duration.ofMinutes(3)).run();
        assertThat(build.succeeded()).as("npm run build: %s", build.stdout()).isTrue();
        ExternalProcess.Result goBuild = ExternalProcess.of("go", "build", "-o", GO_CHECK.toAbsolutePath().toString(),
                "./cmd/trusted-head").directory(Path.of("clients", "go", "trust")).timeout(Duration.ofMinutes(3)).run();
        assertThat(goBuild.succeeded()).as("go build: %s", goBuild.stdout()).isTrue();
    }

    /** Each client's way of checking the log against the checkpoint it trusts. */
    private Map<String, List<String>> checkers() {
        Map<String, List<String>> checkers = new LinkedHashMap<>();
        checkers.put("cli", List.of(CLI.toAbsolutePath().toString(), "verify"));
        checkers.put("cli audit", List.of(CLI.toAbsolutePath().toString(), "audit", "--anchor", tmp.resolve("anchor").toString(),
                "--metrics-file", tmp.resolve("audit.prom").toString()));
        checkers.put("typescript", List.of("node", Path.of("clients/typescript/examples/trusted-head.mjs").toAbsolutePath().toString(),
                tmp.resolve("typescript.checkpoint").toString()));
        checkers.put("python", List.of(Path.of("clients/python/.venv/bin/python").toAbsolutePath().toString(),
                Path.of("clients/python/examples/trusted_head.py").toAbsolutePath().toString(),
                tmp.resolve("python.checkpoint").toString()));
        checkers.put("go", List.of(GO_CHECK.toAbsolutePath().toString(), tmp.resolve("go.checkpoint").toString()));
        return checkers;
    }

    @Test
    void aHistoryReSignedWithTheHmacKeyStillVerifiesAsAChainAndEveryClientRefusesIt() throws Exception {
        String project = Fixtures.newProject("rewritten");
        for (int i = 1; i <= 5; i++) {
            append(project, "{\"amount\":" + i + "}");
        }
        String verifierKey = given().queryParam("project", project).when().get("/v1/devstate/log/key")
                .then().statusCode(200).extract().path("verifier_key");
        String origin = "devstate.localhost/" + project;

        for (var checker : checkers().entrySet()) {
            ExternalProcess.Result first = check(checker.getValue(), project, verifierKey);
            assertThat(first.exit()).as("%s trusts the log on first use: %s", checker.getKey(), first).isZero();
            if (!checker.getKey().startsWith("cli")) {
                assertThat(first.stdout()).as(checker.getKey()).contains("trusted " + origin + " 5");
            }
        }

        String trustedNote = given().queryParam("project", project).when().get("/v1/devstate/log/checkpoint")
                .then().statusCode(200).extract().asString();
        assertThat(Files.readString(tmp.resolve("anchor"))).as("the auditor's anchor").isEqualTo(trustedNote + "\n");

        rewrite(project);
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("verified", equalTo(5));
        assertThat(given().queryParam("project", project).when().get("/v1/devstate/history/3")
                .then().statusCode(200).extract().<Integer>path("metadata.amount")).as("the change is real").isEqualTo(300);
        append(project, "{\"amount\":6}"); // the log grows past the trusted size: a consistency proof is asked for

        for (var checker : checkers().entrySet()) {
            ExternalProcess.Result refused = check(checker.getValue(), project, verifierKey);
            assertThat(refused.exit()).as("%s refuses the rewritten log: %s", checker.getKey(), refused)
                    .isEqualTo(EXIT_REWRITTEN);
            assertThat(refused.stderr()).as(checker.getKey())
                    .contains("history was rewritten: checkpoint 6 does not extend the trusted checkpoint 5");
            if (checker.getKey().equals("cli audit")) {
                assertThat(Files.readString(tmp.resolve("audit.prom")))
                        .contains("devstate_audit_rewritten{origin=\"" + origin + "\"} 1")
                        .contains("devstate_audit_checkpoint_size{origin=\"" + origin + "\"} 5");
                assertThat(Files.readString(tmp.resolve("anchor"))).as("nothing anchored after a refusal")
                        .isEqualTo(trustedNote + "\n");
            }
            ExternalProcess.Result again = check(checker.getValue(), project, verifierKey);
            assertThat(again.exit()).as("%s keeps refusing (its trusted checkpoint is unchanged): %s", checker.getKey(), again)
                    .isEqualTo(EXIT_REWRITTEN);
        }
    }

    private static void append(String project, String metadata) {
        given().contentType(ContentType.JSON).queryParam("project", project)
                .body("{\"actor\":\"agent\",\"action\":\"payment\",\"metadata\":" + metadata + "}")
                .when().post("/v1/devstate/history").then().statusCode(201);
    }

    /**
     * As the superuser with the HMAC key: entry 3's amount changed, entries 3 to 5 re-signed, the
     * project removed from the database and the re-signed history imported (without the checkpoint
     * the old tree had), so the service builds a new tree over it.
     */
    private static void rewrite(String project) throws Exception {
        Map<String, String> files = given().queryParam("project", project).when().get("/v1/devstate/export")
                .then().statusCode(200).extract().path("files");
        ObjectNode history = (ObjectNode) JSON.readTree(files.get(".trae/history.json"));
        ArrayNode entries = (ArrayNode) history.get("entries");
        ((ObjectNode) entries.get(2).get("metadata")).put("amount", 300);
        for (int i = 2; i < entries.size(); i++) {
            ObjectNode entry = (ObjectNode) entries.get(i);
            entry.put("hmac_prev", entries.get(i - 1).get("hmac").asText());
            entry.put("hmac", hmac(project, entry));
        }
        Fixtures.wipe(project);
        Map<String, String> rewritten = new HashMap<>();
        rewritten.put(".trae/history.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(history) + "\n");
        given().contentType(ContentType.JSON).queryParam("project", project).body(Map.of("files", rewritten))
                .when().post("/v1/devstate/import").then().statusCode(200).body("imported", equalTo(5));
    }

    private static String hmac(String project, JsonNode entry) throws Exception {
        ChainEntry signed = new ChainEntry(project, entry.get("seq").asLong(), entry.get("ts").asText(),
                entry.get("actor").asText(), entry.get("action").asText(), text(entry, "cp_from"), text(entry, "cp_to"),
                text(entry, "state_checksum"), entry.get("metadata"), entry.get("kid").asText(),
                entry.get("hmac_prev").asText(), null);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(ChainSigner.message(signed).getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(JsonNode entry, String member) {
        JsonNode value = entry.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    private ExternalProcess.Result check(List<String> command, String project, String verifierKey) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DEVSTATE_URL", "http://127.0.0.1:" + RestAssured.port);
        env.put("DEVSTATE_PROJECT", project);
        env.put("DEVSTATE_LOG_VERIFIER_KEY", verifierKey);
        env.put("DEVSTATE_STATE_DIR", tmp.resolve("cli-state").toString());
        env.put("DEVSTATE_SESSION_FILE", tmp.resolve("session.json").toString());
        Files.createDirectories(tmp);
        ExternalProcess.Result result = ExternalProcess.of(command)
                .withoutEnv(name -> name.startsWith("DEVSTATE_"))
                .env(env)
                .separateStderr()
                .timeout(Duration.ofMinutes(3))
                .run();
        assertThat(result.finished()).as("%s did not finish", command).isTrue();
        return result;
    }
}
