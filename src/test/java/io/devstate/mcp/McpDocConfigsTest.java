package io.devstate.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Every client configuration in docs/MCP.md works as written: each ```json block parses, names
 * DevState's MCP endpoint on the local port and an {@code Authorization: Bearer} header, and that
 * URL path with that header (its placeholder replaced by a real token) initializes a session on
 * the running service. The {@code claude mcp add} command is held to the same.
 */
@QuarkusTest
@TestProfile(TokensProfile.class)
@WithTestResource(PostgresResource.class)
class McpDocConfigsTest {

    private static final Path DOC = Path.of("docs", "MCP.md");
    private static final String URL = "http://localhost:3180/mcp";
    private static final Pattern FENCE = Pattern.compile("```(json|bash)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern BEARER = Pattern.compile("Bearer (\\S+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("<token>|\\$\\{[^}]+}|\\$[A-Z_]+");

    /** One server entry of a snippet: where it says the endpoint is and the header it sends. */
    record Server(String snippet, String url, String authorization) {
    }

    private static List<Server> servers() throws IOException {
        List<Server> servers = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        Matcher fence = FENCE.matcher(Files.readString(DOC));
        while (fence.find()) {
            String body = fence.group(2);
            if (fence.group(1).equals("bash")) {
                if (body.contains("claude mcp add")) {
                    servers.add(claudeCode(body));
                }
                continue;
            }
            JsonNode config = json.readTree(body);
            JsonNode entries = config.has("mcpServers") ? config.get("mcpServers") : config.get("servers");
            assertThat(entries).as("a server map in:%n%s", body).isNotNull();
            for (Map.Entry<String, JsonNode> entry : entries.properties()) {
                servers.add(server(body, entry.getValue()));
            }
        }
        return servers;
    }

    /** A URL server ({@code url}, {@code headers}) or one bridged by mcp-remote ({@code args}). */
    private static Server server(String snippet, JsonNode entry) {
        if (entry.has("url")) {
            return new Server(snippet, entry.get("url").asText(), entry.path("headers").path("Authorization").asText(null));
        }
        List<String> args = new ArrayList<>();
        entry.path("args").forEach(arg -> args.add(arg.asText()));
        String url = args.stream().filter(arg -> arg.startsWith("http")).findFirst().orElse(null);
        int header = args.indexOf("--header");
        String authorization = header < 0 ? null : args.get(header + 1).replaceFirst("^Authorization: ?", "");
        return new Server(snippet, url, authorization);
    }

    private static Server claudeCode(String command) {
        Matcher url = Pattern.compile("(http://\\S+)").matcher(command);
        Matcher header = Pattern.compile("--header \"Authorization: ([^\"]+)\"").matcher(command);
        return new Server(command, url.find() ? url.group(1) : null, header.find() ? header.group(1) : null);
    }

    @Test
    void everyConfigSnippetNamesTheEndpointAndABearerHeader() throws IOException {
        List<Server> servers = servers();
        assertThat(servers).as("snippets in " + DOC).hasSizeGreaterThanOrEqualTo(6);
        assertThat(Files.readString(DOC)).contains(".trae/mcp.json");
        for (Server server : servers) {
            assertThat(server.url()).as(server.snippet()).isEqualTo(URL);
            assertThat(server.authorization()).as(server.snippet()).matches(BEARER);
        }
    }

    @Test
    void everyConfigSnippetsUrlAndHeaderOpenASession() throws IOException {
        for (Server server : servers()) {
            String token = PLACEHOLDER.matcher(server.authorization()).replaceAll(TokensProfile.VIEWER_TOKEN);
            given().baseUri("http://127.0.0.1").port(RestAssured.port)
                    .contentType("application/json").header("Accept", "application/json, text/event-stream")
                    .header("Authorization", token)
                    .body("""
                            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                            "capabilities":{},"clientInfo":{"name":"doc-config","version":"1"}}}""")
                    .when().post(URI.create(server.url()).getPath())
                    .then().statusCode(200)
                    .header("Mcp-Session-Id", notNullValue());
        }
    }
}
