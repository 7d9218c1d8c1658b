package io.devstate.mcp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * What an agent learns without calling a tool: the server's instructions at initialize, the state
 * and the (bounded) history as resources, and the prompts.
 */
@QuarkusTest
@TestProfile(TokensProfile.class)
@WithTestResource(PostgresResource.class)
class McpDiscoveryTest {

    private static final String STATE = """
            {"project":"demo","version":"1.0.0","current_cp":"CP1-LC","no_drift":true,"agents":[],\
            "artifact_checksums":[],"updated_at":"2026-11-25T10:00:00Z"}""";

    private final String project = "discovery-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void initializeSaysWhatDevStateIsAndTheUsualSequence() {
        String instructions = McpSession.open(TokensProfile.VIEWER_TOKEN).initialized().getString("result.instructions");

        assertThat(instructions).contains("HMAC-chained", "audited");
        assertThat(instructions.indexOf("get_state")).isLessThan(instructions.indexOf("lock_state"));
        assertThat(instructions.indexOf("lock_state")).isLessThan(instructions.indexOf("update_state"));
        assertThat(instructions.indexOf("update_state")).isLessThan(instructions.indexOf("unlock_state"));
    }

    @Test
    void theStateIsAResource() {
        given().contentType("application/json").header("Authorization", "Bearer " + TokensProfile.WRITER_TOKEN)
                .queryParam("project", project).body(STATE)
                .when().put("/v1/devstate/state").then().statusCode(200);
        McpSession session = McpSession.open(TokensProfile.VIEWER_TOKEN);
        List<Map<String, Object>> templates = session.send("resources/templates/list", "{}")
                .getList("result.resourceTemplates");
        assertThat(templates).extracting(template -> template.get("uriTemplate"))
                .containsExactlyInAnyOrder("devstate://{project}/state", "devstate://{project}/history");

        String uri = "devstate://" + project + "/state";
        JsonPath read = session.send("resources/read", "{\"uri\":\"" + uri + "\"}");

        assertThat(read.getString("result.contents[0].uri")).isEqualTo(uri);
        assertThat(read.getString("result.contents[0].mimeType")).isEqualTo("application/json");
        JsonPath state = JsonPath.from(read.getString("result.contents[0].text"));
        assertThat(state.getString("json.current_cp")).isEqualTo("CP1-LC");
        assertThat(state.getInt("version")).isEqualTo(1);
    }

    @Test
    void theHistoryResourceHoldsTheNewestEntriesOnlyWithACursorForTheRest() {
        for (int i = 0; i < DevStateResources.HISTORY_ENTRIES + 2; i++) {
            given().contentType("application/json").header("Authorization", "Bearer " + TokensProfile.WRITER_TOKEN)
                    .queryParam("project", project).body("{\"actor\":\"ci\",\"action\":\"build\"}")
                    .when().post("/v1/devstate/history").then().statusCode(201);
        }

        JsonPath read = McpSession.open(TokensProfile.VIEWER_TOKEN)
                .send("resources/read", "{\"uri\":\"devstate://" + project + "/history\"}");

        JsonPath page = JsonPath.from(read.getString("result.contents[0].text"));
        assertThat(page.getList("items")).hasSize(DevStateResources.HISTORY_ENTRIES);
        assertThat(page.getLong("items[0].seq")).isEqualTo(DevStateResources.HISTORY_ENTRIES + 2);
        assertThat(page.getString("next_cursor")).isNotNull();
    }

    @Test
    void aMissingProjectsStateIsResourceNotFound() {
        JsonPath read = McpSession.open(TokensProfile.VIEWER_TOKEN)
                .send("resources/read", "{\"uri\":\"devstate://" + project + "-none/state\"}");

        assertThat(read.getInt("error.code")).isEqualTo(-32002);
    }

    @Test
    void thePromptsSpellOutTheToolCalls() {
        McpSession session = McpSession.open(TokensProfile.VIEWER_TOKEN);
        assertThat(session.send("prompts/list", "{}").getList("result.prompts.name", String.class))
                .containsExactlyInAnyOrder("summarise_changes_since", "move_to_checkpoint");

        JsonPath summary = session.send("prompts/get", """
                {"name":"summarise_changes_since","arguments":{"checkpoint":"CP1-LC","project":"%s"}}"""
                .formatted(project));
        assertThat(summary.getString("result.messages[0].content.text"))
                .contains("search_history", "\"CP1-LC\"", "verify_hmac_chain", project);

        JsonPath move = session.send("prompts/get", """
                {"name":"move_to_checkpoint","arguments":{"checkpoint":"CP2-LC"}}""");
        String steps = move.getString("result.messages[0].content.text");
        assertThat(steps).contains("\"default\"", "{\"current_cp\": \"CP2-LC\"}");
        assertThat(steps.indexOf("lock_state")).isLessThan(steps.indexOf("update_state"));
        assertThat(steps.indexOf("update_state")).isLessThan(steps.indexOf("unlock_state"));
    }
}
