package io.devstate.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs src/test/python/mcp_client_check.py (the official MCP Python SDK, installed by
 * scripts/lib/mcp-client.sh) against the MCP endpoint of a running service and asserts that it
 * finished and passed; returns what it printed, one line per check.
 */
public final class McpClientCheck {

    private static final Path PYTHON = Path.of("target", "mcp-venv", "bin", "python");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private McpClientCheck() {
    }

    public static String run(int port, String token, String... options) throws IOException, InterruptedException {
        ProjectTools.ensure("scripts/lib/mcp-client.sh");
        assertThat(PYTHON).as("the MCP client is missing: run bash scripts/lib/mcp-client.sh").exists();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "src/test/python/mcp_client_check.py",
                "http://127.0.0.1:" + port + "/mcp", token));
        command.addAll(List.of(options));
        return ExternalProcess.of(command).timeout(TIMEOUT).runSuccessfully().output();
    }
}
