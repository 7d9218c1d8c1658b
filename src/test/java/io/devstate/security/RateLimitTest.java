package io.devstate.security;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@WithTestResource(PostgresResource.class)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "devstate.rate-limit.mutating-per-minute", "3",
                    "devstate.rate-limit.verify-per-minute", "2",
                    "devstate.rate-limit.subscribe-per-minute", "2",
                    "devstate.security.api-token", TokensProfile.ADMIN_TOKEN,
                    "devstate.security.tokens-file", TokensProfile.tokensFile().toString());
        }
    }

    private static double rateLimitedTotal() {
        return given().when().get("/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("devstate_rate_limited_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void overTheLimitIs429WithRetryAfterPerPrincipal() {
        String project = newProject("limited");
        double before = rateLimitedTotal();
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TokensProfile.ADMIN_TOKEN)
                    .queryParam("project", project).body("{\"actor\":\"a\",\"action\":\"note\"}")
                    .when().post("/v1/devstate/history").then().statusCode(201);
        }
        String retryAfter = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TokensProfile.ADMIN_TOKEN)
                .queryParam("project", project).body("{\"actor\":\"a\",\"action\":\"note\"}")
                .when().post("/v1/devstate/history")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:devstate:problem:rate-limited"))
                .extract().header("Retry-After");

        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        assertThat(rateLimitedTotal()).isEqualTo(before + 1);
        // Reads are not limited; verify has its own budget.
        for (int i = 0; i < 5; i++) {
            given().queryParam("project", project).when().get("/v1/devstate/history/1").then().statusCode(200);
        }
        given().when().get("/v1/devstate/verify").then().statusCode(200);
        given().when().get("/v1/devstate/verify").then().statusCode(200);
        given().when().get("/v1/devstate/verify").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // Another caller (anonymous, by address) still has its own budget... but anonymous cannot write;
        // its verify budget is separate from the admin's.
        given().header("Authorization", "Bearer " + TokensProfile.ADMIN_TOKEN)
                .when().get("/v1/devstate/verify").then().statusCode(200);
    }

    /** Opening a change feed draws from its own budget (2): a client reconnecting in a loop is held back. */
    @Test
    void changeFeedsOpenedBeyondTheBudgetAre429() throws Exception {
        // Only this test subscribes as the ops principal, so its bucket is this test's alone.
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + io.restassured.RestAssured.port + "/v1/devstate/events?project=" + newProject("feeds")))
                .header("Authorization", "Bearer " + TokensProfile.OPS_TOKEN).build();
        for (int i = 0; i < 2; i++) {
            var opened = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            assertThat(opened.statusCode()).isEqualTo(200);
            opened.body().close();
        }
        var refused = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("urn:devstate:problem:rate-limited").contains("subscribe");
    }

    /** The verify budget (2) holds however the path is spelled: the limit is bound to the method. */
    @Test
    void noSpellingOfThePathEscapesTheVerifyLimit() {
        List<String> spellings = List.of("/v1/devstate/verify/", "/v1/devstate//verify", "/v1/devstate/./verify",
                "/v1/devstate%2Fverify", "/v1//devstate/verify/", "/v1/devstate/verify");
        int served = 0;
        for (int round = 0; round < 2; round++) {
            for (String path : spellings) {
                // (not contract paths as spelled: past the contract check, which would refuse them)
                int status = given().noFilters().urlEncodingEnabled(false)
                        .header("Authorization", "Bearer " + TokensProfile.OPS_TOKEN)
                        .when().get(path).then().extract().statusCode();
                assertThat(status).as(path).isIn(200, 404, 429);
                served += status == 200 ? 1 : 0;
            }
        }
        assertThat(served).isEqualTo(2);
    }
}
