package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.McpClientCheck;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.Scrape;
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

    private static final String TOOL_CALLS = "devstate_request_total{route=\"tools/call %s\",status=\"%d\",transport=\"mcp\"}";

    @Test
    void anMcpClientCanDoEveryOperationOfTheSpecification() throws IOException, InterruptedException {
        double refusedBefore = Scrape.value(TOOL_CALLS.formatted("append_history", 401));
        double readsBefore = Scrape.value(TOOL_CALLS.formatted("get_state", 200));

        String log = McpClientCheck.run(RestAssured.port, TokensProfile.ADMIN_TOKEN);

        assertThat(log).contains("ok: append_history without a token is refused: a 401 tool error",
                "ok: the refused append wrote nothing",
                "ok: an append notifies the history resource only",
                "ok: after unsubscribing the history, only the state is notified");
        // Tool calls are counted like HTTP requests: one get_state with a token, one without.
        assertThat(Scrape.value(TOOL_CALLS.formatted("append_history", 401)) - refusedBefore).isEqualTo(1.0);
        assertThat(Scrape.value(TOOL_CALLS.formatted("get_state", 200)) - readsBefore).isEqualTo(2.0);
    }
}
