package io.devstate.mcp;

import static io.restassured.RestAssured.given;

import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** A raw JSON-RPC session on /mcp, for asserting on exactly what the server sends. */
final class McpSession {

    private final String token;
    private final String id;
    private final AtomicInteger requests = new AtomicInteger(1);
    private final JsonPath initialized;

    private McpSession(String token) {
        this.token = token;
        var response = request().body("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                "capabilities":{},"clientInfo":{"name":"devstate-test","version":"1"}}}""")
                .when().post("/mcp")
                .then().statusCode(200).extract();
        this.id = response.header("Mcp-Session-Id");
        this.initialized = response.jsonPath();
    }

    static McpSession open(String token) {
        return new McpSession(token);
    }

    /** The {@code Mcp-Session-Id} the server gave the session. */
    String id() {
        return id;
    }

    /** The bearer token it sends, or null. */
    String token() {
        return token;
    }

    /** The initialize result. */
    JsonPath initialized() {
        return initialized;
    }

    /** The JSON-RPC response to one request (its {@code result} or {@code error}). */
    JsonPath send(String method, String params) {
        return request().header("Mcp-Session-Id", id)
                .body("{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"%s\",\"params\":%s}"
                        .formatted(requests.incrementAndGet(), method, params))
                .when().post("/mcp")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The result of tools/call. */
    JsonPath call(String tool, String arguments) {
        return send("tools/call", "{\"name\":\"%s\",\"arguments\":%s}".formatted(tool, arguments));
    }

    private RequestSpecification request() {
        RequestSpecification request = given().contentType("application/json")
                .header("Accept", "application/json, text/event-stream");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
