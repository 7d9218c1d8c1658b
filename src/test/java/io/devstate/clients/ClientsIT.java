package io.devstate.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.devstate.testsupport.ExternalProcess;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.ProjectTools;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * The generated TypeScript, Go and Python clients against the packaged service: each runs its own
 * test suite in its own runner (scripts/test-clients.sh: node --test, go test, pytest) with
 * DEVSTATE_URL pointing here. The service signs with a key given to the clients too
 * (DEVSTATE_HMAC_KID/DEVSTATE_HMAC_SECRET), so they verify the exported chain offline and move it
 * into a fresh project. Each suite also fetches signed entries through its client and verifies
 * them with that client's offline verifier, runs the lock flow with the values the client returns,
 * and installs the client the way its README says (npm pack into scratch ESM and CommonJS
 * projects, pip into a fresh venv, go mod edit/tidy in a fresh module) to run the README's
 * examples against this service. Node, Go and the Python venv come from
 * scripts/lib/client-deps.sh.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(ClientsIT.ClientsKey.class)
class ClientsIT {

    // k1, like every other test app on the shared database: the active kid is stored there.
    static final String KID = "k1";
    static final String SECRET = "clients-it-secret-é";
    private static final long TIMEOUT_SECONDS = 240;

    /** The service's HMAC key, known to the client tests. */
    public static class ClientsKey implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("devstate.hmac.kid", KID, "devstate.hmac.secret", SECRET);
        }

        @Override
        public void stop() {
            // nothing to stop
        }
    }

    @Test
    void typescriptClient() throws Exception {
        run("typescript");
    }

    @Test
    void goClient() throws Exception {
        run("go");
    }

    @Test
    void pythonClient() throws Exception {
        run("python");
    }

    @BeforeAll
    static void clientDependenciesAreInstalled() {
        ProjectTools.ensure("scripts/lib/client-deps.sh");
    }

    private static void run(String client) throws IOException, InterruptedException {
        Path log = Path.of("target", "clients-it-" + client + ".log");
        Files.createDirectories(log.getParent());
        ExternalProcess.Result result = ExternalProcess.of("bash", "scripts/test-clients.sh", client)
                .env(Map.of("DEVSTATE_URL", "http://127.0.0.1:" + RestAssured.port,
                        "DEVSTATE_HMAC_KID", KID, "DEVSTATE_HMAC_SECRET", SECRET))
                .withThisJava()
                .log(log)
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .run();
        System.out.println("--- scripts/test-clients.sh " + client + " ---\n" + result.output());
        result.assertSucceeded();
    }
}
