package io.devstate.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One external program run to its end by a test (a project script, a generated client's tests, the
 * CLI, schemathesis, the MCP Inspector): its output in files rather than pipes, so a chatty
 * program cannot block on a full pipe; killed with everything it started when it outlives its
 * time. Long-lived processes (the service, PostgreSQL) have their own classes.
 */
public final class ExternalProcess {

    /** How a run ended: {@code exit} is -1 when it was killed for taking too long. */
    public record Result(String command, boolean finished, int exit, String stdout, String stderr) {

        /** Standard output, then standard error (empty when both went to one file). */
        public String output() {
            return stderr.isEmpty() ? stdout : stdout + stderr;
        }

        public boolean succeeded() {
            return finished && exit == 0;
        }

        /** Asserts the run finished with exit code 0, showing its output otherwise. */
        public Result assertSucceeded() {
            assertThat(finished).as("%s did not finish in time:%n%s", command, output()).isTrue();
            assertThat(exit).as("%s exit code:%n%s", command, output()).isZero();
            return this;
        }
    }

    private final List<String> command;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Predicate<String>> removed = new ArrayList<>();
    private Path directory;
    private Path log;
    private boolean separateStderr;
    private Duration timeout = Duration.ofMinutes(2);

    private ExternalProcess(List<String> command) {
        this.command = List.copyOf(command);
    }

    public static ExternalProcess of(String... command) {
        return new ExternalProcess(List.of(command));
    }

    public static ExternalProcess of(List<String> command) {
        return new ExternalProcess(command);
    }

    /** Adds (or overrides) environment variables; the rest is inherited. */
    public ExternalProcess env(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    public ExternalProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Drops inherited variables whose name matches, so a developer's own settings cannot leak in. */
    public ExternalProcess withoutEnv(Predicate<String> name) {
        removed.add(name);
        return this;
    }

    /** The Java running the tests, for scripts that start Maven or a jar. */
    public ExternalProcess withThisJava() {
        return env("JAVA_HOME", System.getProperty("java.home"));
    }

    public ExternalProcess directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Where the output goes (both streams unless {@link #separateStderr()}); a temporary file otherwise. */
    public ExternalProcess log(Path file) {
        this.log = file;
        return this;
    }

    public ExternalProcess separateStderr() {
        this.separateStderr = true;
        return this;
    }

    public ExternalProcess timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    public Result run() throws IOException, InterruptedException {
        Path out = log != null ? log : Files.createTempFile("devstate-process", ".out");
        Path err = separateStderr ? Files.createTempFile("devstate-process", ".err") : null;
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (err != null) {
            builder.redirectError(err.toFile());
        } else {
            builder.redirectErrorStream(true);
        }
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Map<String, String> env = builder.environment();
        removed.forEach(name -> env.keySet().removeIf(name));
        env.putAll(environment);

        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Result result = new Result(String.join(" ", command), finished, finished ? process.exitValue() : -1,
                Files.readString(out, StandardCharsets.UTF_8),
                err == null ? "" : Files.readString(err, StandardCharsets.UTF_8));
        // Temporary files are read and gone; a log the caller named stays for the reports.
        if (log == null) {
            Files.delete(out);
        }
        if (err != null) {
            Files.delete(err);
        }
        return result;
    }

    /** {@link #run()} and {@link Result#assertSucceeded()}. */
    public Result runSuccessfully() throws IOException, InterruptedException {
        return run().assertSucceeded();
    }
}
