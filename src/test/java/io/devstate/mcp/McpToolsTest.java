package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.McpClientCheck;
import io.devstate.testsupport.PostgresResource;
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

    @Test
    void anMcpClientCanDoEveryOperationOfTheSpecification() throws IOException, InterruptedException {
        String log = McpClientCheck.run(RestAssured.port, TokensProfile.ADMIN_TOKEN);

        assertThat(log).contains("ok: append_history without a token is refused: a 401 tool error",
                "ok: the refused append wrote nothing");
    }
}
