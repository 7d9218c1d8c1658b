package io.devstate.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
            ExternalProcess.Result result = ExternalProcess.of(command).timeout(Duration.ofMinutes(10)).run();
            if (!result.succeeded()) {
                throw new IllegalStateException(result.command() + (result.finished() ? " failed (exit " + result.exit() + ")"
                        : " timed out") + ":\n" + result.output());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }
}
