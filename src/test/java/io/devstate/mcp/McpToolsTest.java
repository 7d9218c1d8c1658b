package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.ProjectTools;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * An independent MCP client (the official Python SDK, installed by scripts/lib/mcp-client.sh)
 * initializes a session on /mcp, lists the tools, calls every one of them and checks that a write
 * without a token is refused. The script's lines say which check failed.
 */
@QuarkusTest
@TestProfile(TokensProfile.class)
@WithTestResource(PostgresResource.class)
class McpToolsTest {

    private static final Path PYTHON = Path.of("target", "mcp-venv", "bin", "python");

    @Test
    void anMcpClientCanDoEveryOperationOfTheSpecification() throws IOException, InterruptedException {
        ProjectTools.ensure("scripts/lib/mcp-client.sh");
        assertThat(PYTHON).as("the MCP client is missing: run bash scripts/lib/mcp-client.sh").exists();
        Path output = Files.createTempFile("mcp-client", ".log");
        Process client = new ProcessBuilder(PYTHON.toString(), "src/test/python/mcp_client_check.py",
                "http://127.0.0.1:" + RestAssured.port + "/mcp", TokensProfile.ADMIN_TOKEN)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = client.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            client.destroyForcibly();
        }
        String log = Files.readString(output);

        assertThat(finished).as("MCP client timed out:\n" + log).isTrue();
        assertThat(client.exitValue()).as("MCP client failed:\n" + log).isZero();
        assertThat(log).contains("ok: append_history without a token is refused");
    }
}
