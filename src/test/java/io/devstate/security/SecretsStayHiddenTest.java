package io.devstate.security;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A whole run with secrets configured: no secret or token appears in any log line or response. */
@QuarkusTest
@TestProfile(SecretsStayHiddenTest.WithSecrets.class)
@WithTestResource(PostgresResource.class)
class SecretsStayHiddenTest {

    static final Path LOG = Path.of("target", "secrets-stay-hidden.log");
    static final String HMAC_SECRET = "hmac-secret-3e9d71c0b8a2";

    public static class WithSecrets extends TokensProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.deleteIfExists(LOG);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("devstate.hmac.keys", "k1:test-secret-for-devstate-unit-tests,kx:" + HMAC_SECRET);
            overrides.put("quarkus.log.file.enabled", "true");
            overrides.put("quarkus.log.file.path", LOG.toString());
            overrides.put("quarkus.log.category.\"io.devstate\".level", "DEBUG");
            overrides.put("quarkus.log.level", "DEBUG");
            overrides.put("quarkus.log.min-level", "DEBUG");
            // The test's own HTTP client logs what it sends; only the service's logs are under test.
            overrides.put("quarkus.log.category.\"org.apache.http\".level", "INFO");
            return overrides;
        }
    }

    private final List<String> responses = new ArrayList<>();

    private Response record(Response response) {
        responses.add(response.getHeaders().toString() + "\n" + response.asString());
        return response;
    }

    @Test
    void noSecretInLogsOrResponses() throws IOException {
        String project = newProject("leak");
        String admin = "Bearer " + TokensProfile.ADMIN_TOKEN;
        record(given().contentType(ContentType.JSON).header("Authorization", admin).queryParam("project", project)
                .body(validState("CP1-LC")).when().put("/v1/devstate/state"));
        record(given().contentType(ContentType.JSON).header("Authorization", admin).queryParam("project", project)
                .body("{\"actor\":\"a\",\"action\":\"login\",\"metadata\":{\"password\":\"" + TokensProfile.OPS_TOKEN
                        + "\",\"nested\":[{\"Token\":\"" + TokensProfile.WRITER_TOKEN + "\"}]}}")
                .when().post("/v1/devstate/history"));
        record(given().header("Authorization", "Bearer " + TokensProfile.ADMIN_TOKEN + "-wrong")
                .contentType(ContentType.JSON).body("{}").when().post("/v1/devstate/history"));
        record(given().header("Authorization", "Bearer " + TokensProfile.VIEWER_TOKEN)
                .contentType(ContentType.JSON).body("{}").when().post("/v1/devstate/history"));
        record(given().contentType(ContentType.JSON).header("Authorization", admin).queryParam("project", project)
                .body("{\"kid\":\"kx\"}").when().post("/v1/devstate/keys/rotate"));
        record(given().when().get("/v1/devstate/keys/active"));
        record(given().queryParam("project", project).when().get("/v1/devstate/export"));
        record(given().queryParam("project", project).when().get("/v1/devstate/history/2"));
        record(given().queryParam("project", project).when().get("/v1/devstate/verify"));
        record(given().when().get("/metrics"));
        record(given().contentType(ContentType.JSON).header("Authorization", admin).queryParam("project", project)
                .body("{\"kid\":\"k1\"}").when().post("/v1/devstate/keys/rotate"));

        assertThat(responses.get(7)).contains("[MASKED]");
        String logs = Files.readString(LOG);
        assertThat(logs).contains("Profile").isNotBlank();
        for (String secret : List.of(TokensProfile.ADMIN_TOKEN, TokensProfile.OPS_TOKEN, TokensProfile.WRITER_TOKEN,
                TokensProfile.VIEWER_TOKEN, HMAC_SECRET, "test-secret-for-devstate-unit-tests")) {
            assertThat(logs).doesNotContain(secret);
            assertThat(responses).noneMatch(response -> response.contains(secret));
        }
    }
}
