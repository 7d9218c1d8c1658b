package io.devstate.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The load runner (loadtest/, {@code devstate-load}, built by scripts/lib/loadgen.sh) as a process:
 * the smoke run of every workload and the signed seeding of big chains both go through it.
 */
public final class LoadRunner {

    public static final Path BINARY = Path.of("target", "tools", "devstate-load");

    private LoadRunner() {
    }

    /** How a run ended: within its time or not, its exit code (99: a threshold or check failed), its output. */
    public record Run(boolean finished, int exit, String output) {
    }

    /**
     * Runs {@code devstate-load args...} against {@code url} (no token: the test services run open)
     * with {@code settings} added to the environment and any {@code LOAD_RATE_*} override removed;
     * the output goes to {@code log}. A run that outlives {@code timeoutSeconds} is killed.
     */
    public static Run run(String url, Map<String, String> settings, Path log, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        ProjectTools.ensure("scripts/lib/loadgen.sh");
        assertThat(Files.isExecutable(BINARY))
                .as("%s is missing: build it with `bash scripts/lib/loadgen.sh` (.ci/run does this before ./mvnw verify)", BINARY)
                .isTrue();
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(List.of(args));
        ExternalProcess.Result result = ExternalProcess.of(command)
                .withoutEnv(name -> name.startsWith("LOAD_RATE_") || name.equals("DEVSTATE_TOKEN"))
                .env("DEVSTATE_URL", url)
                .env(settings)
                .log(log)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .run();
        return new Run(result.finished(), result.exit(), result.output());
    }

    /**
     * Creates {@code project} with {@code entries} entries signed under kid k1 with {@code secret}:
     * the runner's {@code seed}, one import of the whole history, which must end {@code created}.
     * Returns the runner's summary (its {@code import_ms} is the import's own time).
     */
    public static String seedSigned(ServiceProcess service, String project, int entries, String secret) throws Exception {
        Run run = run(service.baseUri(),
                Map.of("DEVSTATE_HMAC_SECRET", secret, "DEVSTATE_HMAC_KID", "k1",
                        "LOAD_PROJECT", project, "LOAD_SEED_ENTRIES", String.valueOf(entries)),
                Files.createTempFile("devstate-seed", ".log"), 180, "seed");
        assertThat(service.isAlive()).as("service died while seeding:\n%s", service.log()).isTrue();
        assertThat(run.finished()).as("seeding finished:%n%s", run.output()).isTrue();
        assertThat(run.exit()).as("devstate-load seed:%n%s", run.output()).isZero();
        assertThat(run.output()).contains("\"outcome\":\"created\"");
        return run.output();
    }
}
