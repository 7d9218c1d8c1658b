package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.ProjectTools;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** MCP writes draw from the same per-principal budget as HTTP writes. */
@QuarkusTest
@TestProfile(McpRateLimitTest.TwoWritesPerMinute.class)
@WithTestResource(PostgresResource.class)
class McpRateLimitTest {

    public static class TwoWritesPerMinute extends TokensProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("devstate.rate-limit.mutating-per-minute", "2");
            return overrides;
        }
    }

    @Test
    void theThirdWriteInAMinuteIsA429ToolError() throws IOException, InterruptedException {
        ProjectTools.ensure("scripts/lib/mcp-client.sh");
        Path output = Files.createTempFile("mcp-limit", ".log");
        Process client = new ProcessBuilder(Path.of("target", "mcp-venv", "bin", "python").toString(),
                "src/test/python/mcp_client_check.py", "http://127.0.0.1:" + RestAssured.port + "/mcp",
                TokensProfile.WRITER_TOKEN, "--rate-limited")
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
        assertThat(log).contains("ok: the third write is a 429 tool error with retry_after");
    }
}
