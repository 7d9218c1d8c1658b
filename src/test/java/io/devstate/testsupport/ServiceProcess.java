package io.devstate.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One more packaged service process on the shared test database, on 127.0.0.1 and a free port, for
 * tests that need a second process or other runtime options than Quarkus's own integration-test
 * process. It runs the artifact the build produced, as {@code target/quarkus-artifact.properties}
 * names it: the production jar of {@code target/quarkus-app}, or the native executable after
 * {@code -Dnative}.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the packaged service with {@code runtimeOptions} (heap options such as {@code -Xmx64m}
     * and {@code -XX:+ExitOnOutOfMemoryError}, which the JVM and a native executable both take) and
     * waits until /health answers 200.
     */
    public static ServiceProcess start(String... runtimeOptions) throws Exception {
        return start(LocalPostgres.shared(), Map.of(), runtimeOptions);
    }

    /**
     * Starts the packaged service on {@code db}, with {@code settings} as system properties (e.g.
     * {@code devstate.database.request-timeout}), which the JVM and a native executable both take.
     */
    public static ServiceProcess start(LocalPostgres db, Map<String, String> settings, String... runtimeOptions)
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("devstate-process-", ".log");
        Artifact artifact = Artifact.built();
        List<String> command = new ArrayList<>();
        if (artifact.isNative()) {
            command.add(artifact.path().toString());
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        }
        command.addAll(List.of(runtimeOptions));
        command.addAll(List.of(
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.reactive.url=" + db.reactiveUrl(),
                "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
                "-Dquarkus.datasource.username=" + db.username(),
                "-Dquarkus.datasource.password=" + db.password()));
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        if (!artifact.isNative()) {
            command.addAll(List.of("-jar", artifact.path().toString()));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServiceProcess started = new ServiceProcess(process, port, log);
        started.awaitHealthy(Duration.ofSeconds(60));
        return started;
    }

    public int port() {
        return port;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** kill -9: no shutdown hook, no graceful close of connections or transactions. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's peak resident set so far (Linux {@code VmHWM}), in MiB; -1 where unknown. */
    public long peakRssMib() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                .findFirst().orElse(-1);
    }

    /** What the process printed so far, for assertion messages. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service process exited:\n" + log());
            }
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create(baseUri() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("service process not healthy in time:\n" + log());
    }

    /** Stops the process; an interrupt while waiting for it still kills it, and is kept. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** What the build produced, as Quarkus records it for its own integration tests. */
    private record Artifact(String type, Path path) {
        private static final Path PROPERTIES = Path.of("target", "quarkus-artifact.properties");

        static Artifact built() {
            Properties properties = new Properties();
            try (var in = Files.newInputStream(PROPERTIES)) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalStateException(PROPERTIES + " is missing: package the service first (./mvnw package)", e);
            }
            return new Artifact(properties.getProperty("type"), Path.of("target").resolve(properties.getProperty("path")));
        }

        boolean isNative() {
            return "native".equals(type);
        }
    }
}
