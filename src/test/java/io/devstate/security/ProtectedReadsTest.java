package io.devstate.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

@QuarkusTest
@TestProfile(ProtectedReadsTest.ProtectedReads.class)
@WithTestResource(PostgresResource.class)
class ProtectedReadsTest {

    public static class ProtectedReads extends TokensProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("devstate.security.protect-reads", "true");
            return overrides;
        }
    }

    @Test
    void readsNeedAtLeastTheViewerRole() {
        given().when().get("/v1/devstate/verify").then().statusCode(401);
        given().when().get("/v1/devstate/history/search").then().statusCode(401);
        given().when().get("/v1/devstate/export").then().statusCode(401);
        given().header("Authorization", "Bearer " + TokensProfile.VIEWER_TOKEN)
                .when().get("/v1/devstate/verify").then().statusCode(200);
        // Probes stay open for the platform.
        given().when().get("/health").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void theFeedOfEveryProjectNeedsTheAdminRole() throws Exception {
        given().queryParam("project", "*").when().get("/v1/devstate/events").then().statusCode(401);
        given().header("Authorization", "Bearer " + TokensProfile.VIEWER_TOKEN).queryParam("project", "*")
                .when().get("/v1/devstate/events").then().statusCode(403)
                .body("type", equalTo("urn:devstate:problem:forbidden"));
        given().header("Authorization", "Bearer " + TokensProfile.WRITER_TOKEN).queryParam("project", "*")
                .when().get("/v1/devstate/events").then().statusCode(403);
        // A project's own feed is a read; every project's is the admin's (the stream stays open: headers only).
        for (String[] allowed : new String[][] { { TokensProfile.VIEWER_TOKEN, "default" },
                { TokensProfile.OPS_TOKEN, "*" } }) {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/devstate/events?project=" + allowed[1]))
                    .header("Authorization", "Bearer " + allowed[0]).build(), HttpResponse.BodyHandlers.ofInputStream());
            try {
                assertThat(response.statusCode()).as(allowed[1]).isEqualTo(200);
                assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/event-stream"));
            } finally {
                response.body().close(); // the stream stays open: headers only
            }
        }
    }
}
