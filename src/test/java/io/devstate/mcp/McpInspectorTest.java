package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.ExternalProcess;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.ProjectTools;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The official MCP Inspector's CLI (pinned in scripts/lib/mcp-inspector.sh) against the running
 * test service, with {@code --strict}: every listing and a tool call must succeed and print no
 * warning at all on stderr, which is where the Inspector reports schema portability findings (an
 * output schema that describes the call envelope, a type union, an untyped schema) and protocol
 * problems.
 */
@QuarkusTest
@TestProfile(TokensProfile.class)
@WithTestResource(PostgresResource.class)
class McpInspectorTest {

    private static final Path INSPECTOR = Path.of("target", "mcp-inspector", "node_modules", ".bin", "mcp-inspector");
    private static final long TIMEOUT_SECONDS = 120;

    /** What one run printed: stdout is the JSON result, stderr only ever diagnostics. */
    record Run(int exit, String stdout, String stderr) {
    }

    @BeforeAll
    static void install() {
        ProjectTools.ensure("scripts/lib/mcp-inspector.sh");
    }

    private static Run inspect(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(INSPECTOR.toString(), "--cli",
                "http://127.0.0.1:" + RestAssured.port + "/mcp", "--transport", "http",
                "--header", "Authorization: Bearer " + TokensProfile.ADMIN_TOKEN));
        command.addAll(List.of(arguments));
        ExternalProcess.Result result = ExternalProcess.of(command).separateStderr()
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS)).run();
        assertThat(result.finished()).as("mcp-inspector %s timed out:%n%s", List.of(arguments), result.stderr()).isTrue();
        return new Run(result.exit(), result.stdout(), result.stderr());
    }

    private static Run clean(String... arguments) throws IOException, InterruptedException {
        Run run = inspect(arguments);
        assertThat(run.stderr).as("mcp-inspector %s reported:%n%s", List.of(arguments), run.stderr).isEmpty();
        assertThat(run.exit).as("mcp-inspector %s exit code; stdout:%n%s", List.of(arguments), run.stdout).isZero();
        return run;
    }

    @Test
    void theToolListingHasNoSchemaFindingUnderStrict() throws IOException, InterruptedException {
        Run tools = clean("--method", "tools/list", "--strict");
        assertThat(tools.stdout).contains("\"get_state\"", "\"outputSchema\"", "\"readOnlyHint\"");
    }

    @Test
    void resourcesTemplatesAndPromptsAreListedWithoutWarning() throws IOException, InterruptedException {
        clean("--method", "resources/list");
        assertThat(clean("--method", "resources/templates/list").stdout)
                .contains("devstate://{project}/state", "devstate://{project}/history");
        assertThat(clean("--method", "prompts/list").stdout).contains("\"prompts\"");
    }

    @Test
    void aToolCallValidatesAgainstItsOutputSchemaWithoutWarning() throws IOException, InterruptedException {
        String project = "inspector-" + UUID.randomUUID().toString().substring(0, 8);
        Run verified = clean("--method", "tools/call", "--tool-name", "verify_hmac_chain",
                "--tool-arg", "project=" + project);
        assertThat(verified.stdout).contains("\"structuredContent\"", "\"verified\": 0");
        Run locked = clean("--method", "tools/call", "--tool-name", "lock_state",
                "--tool-arg", "project=" + project, "ttl_sec=30", "owner=inspector");
        assertThat(locked.stdout).contains("\"fencing_token\": 1");
    }
}
