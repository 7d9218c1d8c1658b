package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * What tools/list tells an agent before its first call: each tool's outputSchema is the schema of
 * its own structured result (the contract's), its arguments carry the contract's constraints, and
 * its annotations say which tools only read (so an IDE can approve them without asking).
 */
@QuarkusTest
@TestProfile(TokensProfile.class)
@WithTestResource(PostgresResource.class)
class McpToolSchemasTest {

    private static final String PROJECT_PATTERN = "^[a-z0-9][a-z0-9._-]{0,63}$";
    private static final Set<String> READS = Set.of("get_state", "verify_hmac_chain", "export_files", "search_history",
            "list_projects");

    private Map<String, Map<String, Object>> tools;

    @BeforeEach
    void listTools() {
        List<Map<String, Object>> listed = McpSession.open(TokensProfile.VIEWER_TOKEN).send("tools/list", "{}")
                .getList("result.tools");
        tools = listed.stream().collect(Collectors.toMap(tool -> (String) tool.get("name"), tool -> tool));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = ((Map<String, Object>) current).get(key);
        }
        return (Map<String, Object>) current;
    }

    private static List<Object> list(Object node) {
        return List.copyOf((List<?>) node);
    }

    private Map<String, Object> argument(String tool, String name) {
        return map(tools.get(tool), "inputSchema", "properties", name);
    }

    private Map<String, Object> output(String tool) {
        return map(tools.get(tool), "outputSchema");
    }

    @Test
    void everyOutputSchemaDescribesTheToolsOwnResultNotTheCallEnvelope() {
        assertThat(tools).hasSize(10);
        tools.forEach((name, tool) -> {
            Map<String, Object> schema = output(name);
            assertThat(schema).as(name).containsEntry("type", "object");
            assertThat(schema.toString()).as(name).doesNotContain("isError", "structuredContent", "_meta");
        });
        assertThat(list(output("get_state").get("required")))
                .containsExactly("project", "json", "checksum", "version", "updated_at");
        assertThat(map(output("verify_hmac_chain"), "properties")).containsOnlyKeys("ok", "verified", "head", "failure");
        assertThat(map(output("lock_state"), "properties")).containsKeys("lock_id", "fencing_token", "expires_at");
        assertThat(map(output("search_history"), "properties")).containsOnlyKeys("items", "next_cursor");
        assertThat(map(output("list_projects"), "properties")).containsOnlyKeys("items", "next_cursor");
        assertThat(map(output("unlock_state"), "properties")).containsOnlyKeys("released");
        assertThat(map(output("import_files"), "properties", "outcome").get("enum"))
                .isEqualTo(List.of("created", "appended", "unchanged"));
        // null where the contract allows it, spelt portably (no type arrays)
        assertThat(map(output("verify_hmac_chain"), "properties", "failure")).containsKey("anyOf");
        assertThat(list(output("export_files").get("anyOf"))).hasSize(2);
    }

    @Test
    void argumentsCarryTheContractsConstraints() {
        // Every tool about one project takes it; list_projects is about all of them.
        tools.keySet().stream().filter(name -> !name.equals("list_projects"))
                .forEach(name -> assertThat(argument(name, "project")).as(name).containsEntry("type", "string")
                        .containsEntry("pattern", PROJECT_PATTERN).containsEntry("default", "default"));
        assertThat(argument("lock_state", "ttl_sec")).containsEntry("type", "integer").containsEntry("minimum", 1)
                .containsEntry("maximum", 86400);
        assertThat(argument("search_history", "limit")).containsEntry("type", "integer").containsEntry("minimum", 1)
                .containsEntry("maximum", 1000);
        assertThat(argument("verify_hmac_chain", "limit")).containsEntry("minimum", 1);
        assertThat(map(argument("update_state", "patch"), "properties", "current_cp"))
                .containsEntry("pattern", "^CP\\d+-[A-Z]+$");
        assertThat(argument("update_state", "patch")).containsEntry("type", "object");
        assertThat(argument("append_history", "action")).containsEntry("pattern", "^[a-z][a-z0-9_.:-]{0,63}$");
        assertThat(argument("append_history", "state_checksum")).containsEntry("pattern", "^sha256:[0-9a-f]{64}$");
        assertThat(argument("unlock_state", "lock_id"))
                .containsEntry("pattern", "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        assertThat(list(map(tools.get("lock_state"), "inputSchema").get("required"))).containsExactly("ttl_sec");
        assertThat(argument("lock_state", "ttl_sec")).containsEntry("description", "Lock lifetime in seconds (1..86400)");
    }

    @Test
    void annotationsMarkTheReadsAndTheWritesThatAreSafeToRepeat() {
        tools.forEach((name, tool) -> {
            Map<String, Object> hints = map(tool, "annotations");
            assertThat(hints).as(name).containsEntry("readOnlyHint", READS.contains(name))
                    .containsEntry("openWorldHint", false);
        });
        assertThat(map(tools.get("update_state"), "annotations")).containsEntry("destructiveHint", true)
                .containsEntry("idempotentHint", false);
        assertThat(map(tools.get("append_history"), "annotations")).containsEntry("destructiveHint", false)
                .containsEntry("idempotentHint", false);
        assertThat(map(tools.get("import_files"), "annotations")).containsEntry("destructiveHint", false)
                .containsEntry("idempotentHint", true);
        assertThat(map(tools.get("unlock_state"), "annotations")).containsEntry("destructiveHint", false)
                .containsEntry("idempotentHint", true);
        assertThat(map(tools.get("lock_state"), "annotations")).containsEntry("idempotentHint", false);
    }
}
