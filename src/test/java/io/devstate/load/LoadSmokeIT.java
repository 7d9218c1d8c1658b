package io.devstate.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.LoadRunner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * A smoke run of the load suite (loadtest/, the runner scripts/bench.sh uses) against the packaged
 * service: every workload of loadtest/workloads.json (the definitions the k6 scripts share) at its
 * smoke rate and duration, thresholds on (no failed request, every route sampled, the chain
 * verifies with the exact count, p95 per route under the smoke profile's multiple of the
 * benchmark's target), on a project of its own.
 * The runner is built by scripts/lib/loadgen.sh (.ci/run calls it); it exits 99 when a threshold
 * or check fails. Rate limiting is off in this app, as in the benchmark: the runner's writes would
 * otherwise meet the 120/min budget, and a load test must not measure the limiter.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(LoadSmokeIT.NoRateLimit.class)
class LoadSmokeIT {

    private static final long TIMEOUT_SECONDS = 150;

    public static class NoRateLimit implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("devstate.rate-limit.enabled", "false");
        }

        @Override
        public void stop() {
            // nothing to stop
        }
    }

    @Test
    void everyWorkloadMeetsItsThresholdsAtSmokeRate() throws IOException, InterruptedException {
        Path out = Path.of("target", "load-smoke");
        Files.createDirectories(out);
        Map<String, String> settings = new HashMap<>();
        settings.put("LOAD_PROJECT", "load-smoke-" + System.currentTimeMillis());
        // Rates, durations, warm-up and the p95 scale of the smoke profile: a cold JVM on a shared
        // 2-core CI machine is no latency measurement (scripts/bench.sh is), so the limits are
        // multiplied and catch gross regressions only; failed requests and the chain count are not.
        settings.put("LOAD_PROFILE", "smoke");
        settings.put("LOAD_MIN_ENTRIES", "300");
        settings.put("LOAD_SUMMARY_DIR", out.toString());
        settings.put("LOAD_RATE", "");
        settings.put("LOAD_DURATION", "");
        settings.put("LOAD_WARMUP", "");
        settings.put("LOAD_THRESHOLD_SCALE", "");
        LoadRunner.Run run = LoadRunner.run("http://127.0.0.1:" + RestAssured.port, settings, out.resolve("run.log"),
                TIMEOUT_SECONDS, "run", "all");
        String output = run.output();
        System.out.println("--- devstate-load run all (smoke) ---\n" + output);
        assertThat(run.finished()).as("the smoke run finished within %ss:%n%s", TIMEOUT_SECONDS, output).isTrue();
        assertThat(run.exit()).as("devstate-load exit code (99: a threshold or check failed):%n%s", output).isZero();
        assertThat(output).contains("profile smoke").contains("== ide-day").contains("chain verifies with the exact count");
    }
}
