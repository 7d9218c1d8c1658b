package io.devstate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.testsupport.ExternalProcess;
import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.ProjectTools;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The devstate CLI (cli/, docs/CLI.md) against the packaged service: the built binary
 * target/tools/devstate is run as a process, as CI and git hooks run it. .ci/run builds it (and runs
 * its Go unit tests) with scripts/lib/cli.sh before ./mvnw verify; without it this test fails and
 * says so. The service signs with a key the test gives the CLI for offline verification.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(CliIT.CliKey.class)
class CliIT {

    // k1, like every other test app on the shared database: the active kid is stored there.
    static final String KID = "k1";
    static final String SECRET = "cli-it-secret-ü";
    static final Path BINARY = Path.of("target", "tools", "devstate");
    private static final long TIMEOUT_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service's HMAC key, known to the offline verification. */
    public static class CliKey implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("devstate.hmac.kid", KID, "devstate.hmac.secret", SECRET);
        }

        @Override
        public void stop() {
            // nothing to stop
        }
    }

    record Run(int exit, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    @TempDir
    Path tmp;

    @BeforeAll
    static void binaryIsBuilt() {
        ProjectTools.ensure("scripts/lib/cli.sh", "--no-test");
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY.toAbsolutePath() + " is missing: build the devstate CLI with `bash scripts/lib/cli.sh` "
                    + "(needs Go 1.23+; .ci/run does this before ./mvnw verify)");
        }
    }

    @Test
    void setCpExportDriftImportVerifyLockSearch() throws Exception {
        String project = Fixtures.newProject("cli");
        Fixtures.putState(project, Fixtures.validState("CP1-LC"));
        Path trae = tmp.resolve(".trae");

        // set-cp: one merge patch; the server appends its update_state entry (seq 2) with the move.
        Run setCp = cli(project, Map.of(), "set-cp", "CP2-LC", "--actor", "cli-it", "--metadata", "{\"ticket\":\"CLI-1\"}");
        assertThat(setCp.exit()).as("set-cp: %s", setCp).isZero();
        assertThat(setCp.stdout()).contains("current_cp CP1-LC → CP2-LC").contains("history entry seq 2");
        JsonPath entry = RestAssured.given().queryParam("project", project).get("/v1/devstate/history/2").then()
                .statusCode(200).extract().jsonPath();
        assertThat(entry.getString("action")).isEqualTo("update_state");
        assertThat(entry.getString("actor")).isEqualTo("cli-it");
        assertThat(entry.getString("cp_to")).isEqualTo("CP2-LC");
        assertThat(entry.getString("metadata.ticket")).isEqualTo("CLI-1");

        // export: the files exactly as GET /export returns them.
        Run export = cli(project, Map.of(), "export", "--dir", trae.toString());
        assertThat(export.exit()).as("export: %s", export).isZero();
        JsonPath exported = RestAssured.given().queryParam("project", project).get("/v1/devstate/export").then()
                .statusCode(200).extract().jsonPath();
        String serverState = exported.getString("files.'.trae/state.json'");
        String serverHistory = exported.getString("files.'.trae/history.json'");
        assertThat(Files.readString(trae.resolve("state.json"), StandardCharsets.UTF_8)).isEqualTo(serverState);
        assertThat(Files.readString(trae.resolve("history.json"), StandardCharsets.UTF_8)).isEqualTo(serverHistory);
        Run clean = cli(project, Map.of(), "drift", "--dir", trae.toString());
        assertThat(clean.exit()).as("drift right after export: %s", clean).isZero();

        // edit a file: drift exits 1 and says which file, which line, and both heads.
        Files.writeString(trae.resolve("state.json"), serverState.replace("CP2-LC", "CP9-LC"));
        Run drift = cli(project, Map.of(), "drift", "--dir", trae.toString());
        assertThat(drift.exit()).as("drift after an edit: %s", drift).isEqualTo(1);
        assertThat(drift.stdout())
                .contains("drift: " + trae + " differs from the server (project " + project + ")")
                .contains(trae.resolve("state.json") + ": differs from line")
                .contains("local:  \"current_cp\": \"CP9-LC\"")
                .contains("server: \"current_cp\": \"CP2-LC\"")
                .contains(trae.resolve("history.json") + ": same")
                .contains("local head seq 2, server head seq 2");
        Run driftJson = cli(project, Map.of(), "drift", "--dir", trae.toString(), "--json");
        assertThat(driftJson.exit()).isEqualTo(1);
        JsonNode report = JSON.readTree(driftJson.stdout());
        assertThat(report.get("drift").asBoolean()).isTrue();
        assertThat(report.get("files").get(0).get("status").asText()).isEqualTo("differs");

        // export again: no drift.
        assertThat(cli(project, Map.of(), "export", "--dir", trae.toString()).exit()).isZero();
        Run noDrift = cli(project, Map.of(), "drift", "--dir", trae.toString());
        assertThat(noDrift.exit()).as("drift after export: %s", noDrift).isZero();
        assertThat(noDrift.stdout()).contains("no drift").contains("head seq 2");

        // import: the unchanged files are accepted; a tampered history is refused, naming the seq.
        Run unchanged = cli(project, Map.of(), "import", "--dir", trae.toString());
        assertThat(unchanged.exit()).as("import: %s", unchanged).isZero();
        assertThat(unchanged.stdout()).contains("unchanged");
        Path tampered = tmp.resolve("tampered");
        Files.createDirectories(tampered);
        Files.writeString(tampered.resolve("state.json"), Files.readString(trae.resolve("state.json"), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String history = Files.readString(trae.resolve("history.json"), StandardCharsets.UTF_8);
        assertThat(history).contains("\"ticket\": \"CLI-1\"");
        Files.writeString(tampered.resolve("history.json"), history.replace("\"ticket\": \"CLI-1\"", "\"ticket\": \"CLI-X\""));
        Run refused = cli(project, Map.of(), "import", "--dir", tampered.toString());
        assertThat(refused.exit()).as("import of a tampered history: %s", refused).isEqualTo(4);
        assertThat(refused.stderr()).contains("422").contains("entry 2").contains("seq: 2").contains("hmac_mismatch");

        // verify on the server, then offline with the key from the environment.
        Run verify = cli(project, Map.of(), "verify");
        assertThat(verify.exit()).as("verify: %s", verify).isZero();
        assertThat(verify.stdout()).contains("chain ok").contains("2 entries verified");
        Run offline = cli(project, Map.of("HMAC_SECRET", SECRET), "verify", "--files", trae.toString());
        assertThat(offline.exit()).as("verify --files: %s", offline).isZero();
        assertThat(offline.stdout()).contains("chain ok (offline)").contains("state ok");
        Run keys = cli(project, Map.of("DEVSTATE_HMAC_KEYS", "k0:old," + KID + ":" + SECRET), "verify", "--files",
                trae.toString(), "--json");
        assertThat(keys.exit()).as("verify --files with DEVSTATE_HMAC_KEYS: %s", keys).isZero();
        assertThat(JSON.readTree(keys.stdout()).get("verified").asInt()).isEqualTo(2);
        Run offlineTampered = cli(project, Map.of("HMAC_SECRET", SECRET), "verify", "--files", tampered.toString());
        assertThat(offlineTampered.exit()).as("verify --files of the tampered copy: %s", offlineTampered).isEqualTo(1);
        assertThat(offlineTampered.stdout()).contains("entry 2: hmac_mismatch");
        Run noKey = cli(project, Map.of(), "verify", "--files", trae.toString());
        assertThat(noKey.exit()).as("verify --files without a key: %s", noKey).isEqualTo(2);

        // lock, a state write without the lock is refused (423), with it accepted; unlock.
        Run lock = cli(project, Map.of(), "lock", "--scope", "state", "--ttl", "60", "--owner", "cli-it");
        assertThat(lock.exit()).as("lock: %s", lock).isZero();
        String lockId = lock.stdout().strip();
        assertThat(lockId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        Run conflict = cli(project, Map.of(), "lock", "--ttl", "60");
        assertThat(conflict.exit()).as("second lock: %s", conflict).isEqualTo(4);
        assertThat(conflict.stderr()).contains("409").contains("held by: cli-it");
        Run locked = cli(project, Map.of(), "set-cp", "CP3-LC");
        assertThat(locked.exit()).as("set-cp under someone else's lock: %s", locked).isEqualTo(4);
        assertThat(locked.stderr()).contains("423");
        Run withLock = cli(project, Map.of("DEVSTATE_LOCK", lockId), "set-cp", "CP3-LC");
        assertThat(withLock.exit()).as("set-cp with the lock: %s", withLock).isZero();
        Run unlock = cli(project, Map.of(), "unlock", lockId);
        assertThat(unlock.exit()).as("unlock: %s", unlock).isZero();
        Run again = cli(project, Map.of(), "unlock", lockId);
        assertThat(again.exit()).as("unlock twice: %s", again).isEqualTo(4);
        assertThat(again.stderr()).contains("404");

        // search --json: the server's entries, newest first; filters reach the server.
        Run search = cli(project, Map.of(), "search", "--json", "--limit", "2", "--all");
        assertThat(search.exit()).as("search: %s", search).isZero();
        JsonNode page = JSON.readTree(search.stdout());
        List<Long> seqs = new ArrayList<>();
        page.get("items").forEach(item -> {
            assertThat(item.get("project").asText()).isEqualTo(project);
            seqs.add(item.get("seq").asLong());
        });
        assertThat(seqs).containsExactly(3L, 2L, 1L);
        assertThat(page.get("next_cursor").isNull()).isTrue();
        Run filtered = cli(project, Map.of(), "search", "--actor", "cli-it", "--cp", "CP2-LC", "--since", "2000-01-01",
                "--json");
        assertThat(filtered.exit()).as("search with filters: %s", filtered).isZero();
        JsonNode items = JSON.readTree(filtered.stdout()).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("seq").asLong()).isEqualTo(2);
        Run table = cli(project, Map.of(), "search", "--action", "update_state");
        assertThat(table.exit()).isZero();
        assertThat(table.stdout()).contains("SEQ").contains("CP2-LC→CP3-LC").contains("CP1-LC→CP2-LC");

        // The files are behind the server again: drift says the server is ahead.
        Run behind = cli(project, Map.of(), "drift", "--dir", trae.toString());
        assertThat(behind.exit()).isEqualTo(1);
        assertThat(behind.stdout()).contains("local head seq 2, server head seq 3 (the server is ahead)");
    }

    @Test
    void watchKeepsTheFilesWhatExportWouldWriteAsEntriesArrive() throws Exception {
        String project = Fixtures.newProject("cli-watch");
        Fixtures.putState(project, Fixtures.validState("CP1-LC"));
        Path trae = tmp.resolve("watched");
        java.util.concurrent.CompletableFuture<Run> watch = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return cli(project, Map.of(), "watch", "--dir", trae.toString(), "--until-seq", "6");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // The first export is written before the feed is followed: then the writes come live.
        for (int i = 0; i < 50 && !Files.exists(trae.resolve("history.json")); i++) {
            Thread.sleep(100);
        }
        assertThat(trae.resolve("history.json")).exists();
        for (int i = 0; i < 4; i++) {
            Fixtures.append(project, "agent", "note", "{\"i\":" + i + "}");
        }
        RestAssured.given().contentType("application/merge-patch+json").queryParam("project", project)
                .body("{\"current_cp\":\"CP2-LC\"}").when().post("/v1/devstate/state").then().statusCode(200);

        Run run = watch.get(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(run.exit()).as("watch: %s", run).isZero();
        assertThat(run.stderr()).contains("watch: " + project + " at seq 6");
        JsonPath exported = RestAssured.given().queryParam("project", project).get("/v1/devstate/export").then()
                .statusCode(200).extract().jsonPath();
        assertThat(Files.readString(trae.resolve("state.json"), StandardCharsets.UTF_8))
                .isEqualTo(exported.getString("files.'.trae/state.json'")).contains("CP2-LC");
        assertThat(Files.readString(trae.resolve("history.json"), StandardCharsets.UTF_8))
                .isEqualTo(exported.getString("files.'.trae/history.json'"));
        assertThat(Files.readString(trae.resolve("checkpoint"), StandardCharsets.UTF_8))
                .isEqualTo(exported.getString("files.'.trae/checkpoint'"));
    }

    @Test
    void aTamperedServerChainFailsVerify() throws Exception {
        String project = Fixtures.newProject("cli-tamper");
        Fixtures.putState(project, Fixtures.validState("CP1-LC"));
        Fixtures.append(project, "cli-it", "note", "{\"n\":1}");
        Fixtures.append(project, "cli-it", "note", "{\"n\":2}");
        assertThat(cli(project, Map.of(), "verify").exit()).isZero();
        Fixtures.tamper("update history_entries set actor = 'mallory' where project = '" + project + "' and seq = 2");
        Run broken = cli(project, Map.of(), "verify");
        assertThat(broken.exit()).as("verify of a tampered chain: %s", broken).isEqualTo(1);
        assertThat(broken.stdout()).contains("chain BROKEN").contains("entry 2: hmac_mismatch").contains("1 entry verified");
        Run json = cli(project, Map.of(), "verify", "--json");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(JSON.readTree(json.stdout()).get("failure").get("seq").asLong()).isEqualTo(2);
    }

    @Test
    void aNeverUsedProjectExitsSixUnlessEmptyIsAllowed() throws Exception {
        String project = Fixtures.newProject("cli-typo"); // nothing was ever written to it
        String url = "http://127.0.0.1:" + RestAssured.port;
        String hint = "project \"" + project + "\" has no history on " + url
                + ": check DEVSTATE_PROJECT / --project (pass --allow-empty to accept an empty project)";

        Run verify = cli(project, Map.of(), "verify");
        assertThat(verify.exit()).as("verify of a never-used project: %s", verify).isEqualTo(6);
        assertThat(verify.stderr()).isEqualTo("devstate verify: " + hint + "\n");
        assertThat(verify.stdout()).isEmpty();
        Run json = cli(project, Map.of(), "verify", "--json");
        assertThat(json.exit()).as("verify --json: %s", json).isEqualTo(6);
        JsonNode failure = JSON.readTree(json.stdout());
        assertThat(failure.get("ok").asBoolean()).isFalse();
        assertThat(failure.get("exit_code").asInt()).isEqualTo(6);
        assertThat(failure.get("error").asText()).isEqualTo(hint);
        assertThat(failure.get("project").asText()).isEqualTo(project);
        Run allowed = cli(project, Map.of(), "verify", "--allow-empty");
        assertThat(allowed.exit()).as("verify --allow-empty: %s", allowed).isZero();
        assertThat(allowed.stdout()).contains("chain ok: project " + project + ", no entries to verify");

        // drift: nothing on the server and no local files is 6 as well; local files are drift (1).
        Path none = tmp.resolve("none");
        Run drift = cli(project, Map.of(), "drift", "--dir", none.toString());
        assertThat(drift.exit()).as("drift with nothing on either side: %s", drift).isEqualTo(6);
        assertThat(drift.stderr()).contains("has no history on " + url + " and " + none + " has no state.json or history.json");
        Run driftAllowed = cli(project, Map.of(), "drift", "--dir", none.toString(), "--allow-empty");
        assertThat(driftAllowed.exit()).as("drift --allow-empty: %s", driftAllowed).isZero();
        assertThat(driftAllowed.stdout()).contains("no drift: neither " + none + " nor the server has files");
        String other = Fixtures.newProject("cli-real");
        Fixtures.putState(other, Fixtures.validState("CP1-LC"));
        Path trae = tmp.resolve(".trae");
        assertThat(cli(other, Map.of(), "export", "--dir", trae.toString()).exit()).isZero();
        Run localOnly = cli(project, Map.of(), "drift", "--dir", trae.toString(), "--allow-empty");
        assertThat(localOnly.exit()).as("drift of files the server does not have: %s", localOnly).isEqualTo(1);
        assertThat(localOnly.stdout()).contains("not on the server").contains("check --project/DEVSTATE_PROJECT");

        // the wrapper script passes the flag and the exit code through
        Run wrapped = run(List.of("bash", "scripts/devstate_verify.sh"), project, Map.of());
        assertThat(wrapped.exit()).as("scripts/devstate_verify.sh: %s", wrapped).isEqualTo(6);
        assertThat(wrapped.stderr()).contains(hint);
        Run wrappedAllowed = run(List.of("bash", "scripts/devstate_verify.sh", "--allow-empty"), project, Map.of());
        assertThat(wrappedAllowed.exit()).as("scripts/devstate_verify.sh --allow-empty: %s", wrappedAllowed).isZero();
    }

    @Test
    void exitCodesForUsageUnreachableAndApiErrors() throws Exception {
        Run usage = cli("default", Map.of(), "no-such-command");
        assertThat(usage.exit()).as("unknown command: %s", usage).isEqualTo(2);
        Run unreachable = cli("default", Map.of("DEVSTATE_URL", "http://127.0.0.1:1"), "verify");
        assertThat(unreachable.exit()).as("unreachable: %s", unreachable).isEqualTo(3);
        assertThat(unreachable.stderr()).contains("cannot reach DevState at http://127.0.0.1:1");
        Run badProject = cli("Not A Project", Map.of(), "verify", "--json");
        assertThat(badProject.exit()).as("bad project: %s", badProject).isEqualTo(4);
        assertThat(badProject.stderr()).contains("400");
        assertThat(JSON.readTree(badProject.stdout()).get("problem").get("field").asText()).isEqualTo("project");
    }

    /** Runs the CLI with DEVSTATE_URL/DEVSTATE_PROJECT set and no inherited DevState or HMAC variables. */
    private Run cli(String project, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return run(command, project, env);
    }

    /** Runs a command (the CLI or a script wrapping it) in the environment {@link #cli} describes. */
    private Run run(List<String> command, String project, Map<String, String> env) throws IOException, InterruptedException {
        Map<String, String> vars = new HashMap<>();
        vars.put("DEVSTATE_URL", "http://127.0.0.1:" + RestAssured.port);
        vars.put("DEVSTATE_PROJECT", project);
        // The CLI remembers its writes for read-your-writes; here in the test's folder, not the user's home.
        vars.put("DEVSTATE_SESSION_FILE", tmp.resolve("session.json").toString());
        // Likewise the checkpoints it trusts (and the log key it pinned on first use).
        vars.put("DEVSTATE_STATE_DIR", tmp.resolve("state").toString());
        vars.putAll(env);
        ExternalProcess.Result result = ExternalProcess.of(command)
                .withoutEnv(name -> name.startsWith("DEVSTATE_") || name.startsWith("HMAC_"))
                .env(vars)
                .separateStderr()
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .run();
        assertThat(result.finished()).as("%s did not finish within %ss", result.command(), TIMEOUT_SECONDS).isTrue();
        return new Run(result.exit(), result.stdout(), result.stderr());
    }
}
