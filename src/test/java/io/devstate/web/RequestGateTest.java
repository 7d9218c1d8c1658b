package io.devstate.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * The HTTP edge in open mode (no tokens): DNS-rebinding defence by Host and Origin, size limits
 * and method semantics answered as problem documents.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class RequestGateTest {

    private static final String MCP_INITIALIZE = """
            {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
            "capabilities":{},"clientInfo":{"name":"rebinding","version":"1"}}}""";

    @Test
    void aRequestForAnotherHostIsMisdirected() {
        given().header("Host", "evil.example:3180").contentType("application/json").body("{\"checkpoint\":\"x\"}")
                .when().put("/v1/devstate/state")
                .then().statusCode(421)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:devstate:problem:misdirected-request"))
                .body("detail", containsString("DEVSTATE_ALLOWED_HOSTS"));
        given().header("Host", "evil.example:3180").contentType("application/json")
                .header("Accept", "application/json, text/event-stream").body(MCP_INITIALIZE)
                .when().post("/mcp")
                .then().statusCode(421);
    }

    /** Over HTTP/2 (h2c, as the JDK's client upgrades) the host is the :authority. */
    @Test
    void theHostIsCheckedOverHttp2Too() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI health = URI.create("http://127.0.0.1:" + RestAssured.port + "/health");
        HttpResponse<String> allowed = client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.version()).isEqualTo(HttpClient.Version.HTTP_2);
        HttpResponse<String> rebound = client.send(HttpRequest.newBuilder(health).header("Origin", "http://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rebound.statusCode()).isEqualTo(403);
        assertThat(rebound.body()).contains("origin-not-allowed");
    }

    @Test
    void aRequestFromAnotherOriginIsForbidden() {
        given().header("Origin", "http://evil.example:3180").contentType("application/json")
                .header("Accept", "application/json, text/event-stream").body(MCP_INITIALIZE)
                .when().post("/mcp")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:devstate:problem:origin-not-allowed"));
        given().header("Origin", "null").when().get("/v1/devstate/locks")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void localNamesAndAddressesAreServed() {
        for (String host : new String[] { "localhost", "localhost:3180", "127.0.0.1:3180", "[::1]:3180",
                "devstate.localhost", "10.1.2.3" }) {
            given().header("Host", host).when().get("/health").then().statusCode(200);
        }
        given().header("Origin", "http://localhost:" + RestAssured.port).when().get("/health").then().statusCode(200);
    }

    @Test
    void overlongTargetsAndHeadersAreProblemDocuments() {
        given().queryParam("actor", "a".repeat(9000)).when().get("/v1/devstate/history/search")
                .then().statusCode(414)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:devstate:problem:uri-too-long"));
        given().header("X-Padding", "p".repeat(17_000)).when().get("/health")
                .then().statusCode(431)
                .contentType("application/problem+json")
                .body("status", equalTo(431));
    }

    // Methods outside the contract: past the contract check, which has no operation to compare with.

    @Test
    void aMethodAPathDoesNotServeIs405WithAllow() {
        given().noFilters().when().request("TRACE", "/health")
                .then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS")
                .contentType("application/problem+json");
        given().noFilters().when().patch("/v1/devstate/state")
                .then().statusCode(405)
                .header("Allow", "GET, POST, PUT, HEAD, OPTIONS");
        // Not a tombstone of entry "search": only GET is served there.
        given().noFilters().when().delete("/v1/devstate/history/search")
                .then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void optionsNamesExactlyTheServedMethods() {
        given().noFilters().when().options("/v1/devstate/import")
                .then().statusCode(204)
                .header("Allow", "POST, OPTIONS");
        given().noFilters().when().options("/v1/devstate/history/42")
                .then().statusCode(204)
                .header("Allow", "GET, DELETE, HEAD, OPTIONS");
    }
}
