package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.McpClientCheck;
import io.devstate.testsupport.PostgresResource;
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
        String log = McpClientCheck.run(RestAssured.port, TokensProfile.WRITER_TOKEN, "--rate-limited");
        assertThat(log).contains("ok: the third write is a 429 tool error with retry_after");
    }
}
