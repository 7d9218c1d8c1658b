package io.devstate.security;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

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
}
