package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The argument mistakes models make most: a number sent as a string and an object sent as the
 * JSON text of one. Both mean one thing, so both work; what cannot be read is a tool error that
 * names the argument and shows what to send.
 */
@QuarkusTest
@TestProfile(TokensProfile.class)
@WithTestResource(PostgresResource.class)
class McpAgentMistakesTest {

    private static final String STATE = """
            {"project":"demo","version":"1.0.0","current_cp":"CP1-LC","no_drift":true,"agents":[],\
            "artifact_checksums":[],"updated_at":"2026-11-25T10:00:00Z"}""";

    private McpSession session;
    private final String project = "mistakes-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void openSession() {
        session = McpSession.open(TokensProfile.ADMIN_TOKEN);
    }

    @Test
    void aTtlSentAsAStringIsTheNumber() {
        JsonPath locked = session.call("lock_state", "{\"project\":\"%s\",\"ttl_sec\":\"60\"}".formatted(project));

        assertThat(locked.getBoolean("result.isError")).as(locked.prettify()).isFalse();
        assertThat(locked.getString("result.structuredContent.lock_id")).isNotBlank();
    }

    @Test
    void aTtlThatIsNoNumberIsAToolErrorSayingWhatToSend() {
        JsonPath refused = session.call("lock_state", "{\"project\":\"%s\",\"ttl_sec\":\"sixty\"}".formatted(project));

        assertThat(refused.getBoolean("result.isError")).isTrue();
        assertThat(refused.getInt("result.structuredContent.status")).isEqualTo(400);
        assertThat(refused.getString("result.structuredContent.field")).isEqualTo("ttl_sec");
        assertThat(refused.getString("result.structuredContent.detail"))
                .isEqualTo("ttl_sec must be an integer from 1 to 86400, e.g. \"ttl_sec\": 60");
    }

    @Test
    void aPatchSentAsJsonTextIsThePatch() {
        String text = STATE.replace("\"", "\\\"");
        JsonPath updated = session.call("update_state", "{\"project\":\"%s\",\"patch\":\"%s\"}".formatted(project, text));

        assertThat(updated.getBoolean("result.isError")).as(updated.prettify()).isFalse();
        assertThat(updated.getInt("result.structuredContent.version")).isEqualTo(1);
        JsonPath read = session.call("get_state", "{\"project\":\"%s\"}".formatted(project));
        assertThat(read.getString("result.structuredContent.json.current_cp")).isEqualTo("CP1-LC");
    }

    @Test
    void aPatchThatIsNoObjectIsAToolErrorSayingWhatToSend() {
        JsonPath refused = session.call("update_state", "{\"project\":\"%s\",\"patch\":\"CP2-LC\"}".formatted(project));

        assertThat(refused.getBoolean("result.isError")).isTrue();
        assertThat(refused.getInt("result.structuredContent.status")).isEqualTo(400);
        assertThat(refused.getString("result.structuredContent.field")).isEqualTo("patch");
        assertThat(refused.getString("result.structuredContent.detail"))
                .isEqualTo("patch must be a JSON object, e.g. \"patch\": {\"current_cp\": \"CP2-LC\"}");
        JsonPath absent = session.call("get_state", "{\"project\":\"%s\"}".formatted(project));
        assertThat(absent.getInt("result.structuredContent.status")).isEqualTo(404);
    }

    @Test
    void anInvalidProjectIsAToolErrorNotAProtocolError() {
        JsonPath refused = session.call("get_state", "{\"project\":\"Not A Project\"}");

        assertThat(refused.getBoolean("result.isError")).as(refused.prettify()).isTrue();
        assertThat(refused.getString("result.structuredContent.field")).isEqualTo("project");
    }
}
