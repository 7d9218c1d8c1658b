package io.devstate.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's own install scripts (scripts/lib/*.sh) before a test that needs the
 * tool it provides, so `./mvnw verify` works on a fresh machine by itself. The scripts are
 * idempotent: once the tool is there they return at once.
 */
public final class ProjectTools {

    private ProjectTools() {
    }

    public static void ensure(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("devstate-tool", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out:\n" + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }
}
