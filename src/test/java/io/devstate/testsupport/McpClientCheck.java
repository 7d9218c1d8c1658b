package io.devstate.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs src/test/python/mcp_client_check.py (the official MCP Python SDK, installed by
 * scripts/lib/mcp-client.sh) against the MCP endpoint of a running service and asserts that it
 * finished and passed; returns what it printed, one line per check.
 */
public final class McpClientCheck {

    private static final Path PYTHON = Path.of("target", "mcp-venv", "bin", "python");
    private static final long TIMEOUT_SECONDS = 120;

    private McpClientCheck() {
    }

    public static String run(int port, String token, String... options) throws IOException, InterruptedException {
        ProjectTools.ensure("scripts/lib/mcp-client.sh");
        assertThat(PYTHON).as("the MCP client is missing: run bash scripts/lib/mcp-client.sh").exists();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "src/test/python/mcp_client_check.py",
                "http://127.0.0.1:" + port + "/mcp", token));
        command.addAll(List.of(options));
        Path output = Files.createTempFile("mcp-client", ".log");
        Process client = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = client.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            client.destroyForcibly();
        }
        String log = Files.readString(output);
        assertThat(finished).as("MCP client timed out:\n" + log).isTrue();
        assertThat(client.exitValue()).as("MCP client failed:\n" + log).isZero();
        return log;
    }
}
