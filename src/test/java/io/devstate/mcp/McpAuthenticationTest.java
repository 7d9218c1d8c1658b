package io.devstate.mcp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.devstate.security.TokensProfile;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * Credentials over MCP: a wrong token is an HTTP 401 with WWW-Authenticate (how MCP clients learn
 * to authenticate again), never a 500; a missing role is a tool error in the HTTP problem's words.
 */
@QuarkusTest
@TestProfile(TokensProfile.class)
@WithTestResource(PostgresResource.class)
class McpAuthenticationTest {

    private static final String INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"auth-test","version":"1"}}}""";

    private static String call(String tool, String arguments) {
        return """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"%s","arguments":%s}}"""
                .formatted(tool, arguments);
    }

    private static RequestSpecification mcp(String token) {
        RequestSpecification request = given().contentType("application/json")
                .header("Accept", "application/json, text/event-stream");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static String session(String token) {
        return mcp(token).body(INITIALIZE).when().post("/mcp")
                .then().statusCode(200).extract().header("Mcp-Session-Id");
    }

    @Test
    void aWrongTokenIs401WithAChallengeAtEveryStep() {
        String session = session(TokensProfile.WRITER_TOKEN);
        for (String body : new String[] { INITIALIZE, call("get_state", "{}"), call("update_state", "{\"patch\":{}}") }) {
            mcp("stale-token").header("Mcp-Session-Id", session).body(body)
                    .when().post("/mcp")
                    .then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:devstate:problem:unauthorized"))
                    .body("detail", equalTo("a valid bearer token is required"));
        }
    }

    @Test
    void aMissingRoleIsAToolErrorInTheProblemsWords() {
        String anonymous = session(null);
        mcp(null).header("Mcp-Session-Id", anonymous).body(call("update_state", "{\"patch\":{\"a\":1}}"))
                .when().post("/mcp")
                .then().statusCode(200)
                .body("result.isError", equalTo(true))
                .body("result.structuredContent.status", equalTo(401))
                .body("result.structuredContent.detail", equalTo("a valid bearer token is required"))
                .body(not(containsString("io.quarkus")));
        String viewer = session(TokensProfile.VIEWER_TOKEN);
        mcp(TokensProfile.VIEWER_TOKEN).header("Mcp-Session-Id", viewer).body(call("update_state", "{\"patch\":{\"a\":1}}"))
                .when().post("/mcp")
                .then().statusCode(200)
                .body("result.isError", equalTo(true))
                .body("result.structuredContent.type", equalTo("urn:devstate:problem:forbidden"))
                .body(not(containsString("Exception")));
    }
}
