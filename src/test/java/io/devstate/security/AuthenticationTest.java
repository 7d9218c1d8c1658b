package io.devstate.security;

import static io.devstate.security.TokensProfile.ADMIN_TOKEN;
import static io.devstate.security.TokensProfile.OPS_TOKEN;
import static io.devstate.security.TokensProfile.VIEWER_TOKEN;
import static io.devstate.security.TokensProfile.WRITER_TOKEN;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@TestProfile(TokensProfile.class)
@WithTestResource(PostgresResource.class)
class AuthenticationTest {

    private static RequestSpecification as(String token) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return token == null ? spec : spec.header("Authorization", "Bearer " + token);
    }

    private static final String APPEND = "{\"actor\":\"someone-claimed\",\"action\":\"note\"}";

    @Test
    void mutatingRoutesNeedAToken() {
        String project = newProject("auth");
        as(null).queryParam("project", project).body(APPEND).when().post("/v1/devstate/history")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:devstate:problem:unauthorized"));
        as(null).queryParam("project", project).body(validState("CP1-LC")).when().put("/v1/devstate/state")
                .then().statusCode(401);
        as(null).queryParam("project", project).body("{\"scope\":\"x\",\"ttl_sec\":5}").when().post("/v1/devstate/locks")
                .then().statusCode(401);
        as(null).when().delete("/v1/devstate/history/1").then().statusCode(401);
    }

    @Test
    void aWrongTokenIs401WithTheSameAnswerWhateverIsWrong() {
        for (String header : new String[] { "Bearer nope", "Bearer " + ADMIN_TOKEN + "x", "Basic abc", "Bearer " }) {
            given().contentType(ContentType.JSON).header("Authorization", header).body(APPEND)
                    .when().post("/v1/devstate/history")
                    .then().statusCode(401)
                    .body("detail", equalTo("a valid bearer token is required"));
        }
        // A wrong token is refused even on a read that anonymous callers may do.
        given().header("Authorization", "Bearer nope").when().get("/v1/devstate/verify").then().statusCode(401);
    }

    @Test
    void rolesAreEnforced() {
        String project = newProject("roles");
        as(VIEWER_TOKEN).queryParam("project", project).body(APPEND).when().post("/v1/devstate/history")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:devstate:problem:forbidden"));
        as(WRITER_TOKEN).queryParam("project", project).body(APPEND).when().post("/v1/devstate/history")
                .then().statusCode(201);
        as(WRITER_TOKEN).queryParam("project", project).body(validState("CP1-LC")).when().put("/v1/devstate/state")
                .then().statusCode(200);

        Map<String, String> files = as(VIEWER_TOKEN).queryParam("project", project).when().get("/v1/devstate/export")
                .then().statusCode(200).extract().path("files");
        as(WRITER_TOKEN).queryParam("project", project).body(Map.of("files", files)).when().post("/v1/devstate/import")
                .then().statusCode(403);
        as(OPS_TOKEN).queryParam("project", project).body(Map.of("files", files)).when().post("/v1/devstate/import")
                .then().statusCode(200).body("outcome", equalTo("unchanged"));
        as(WRITER_TOKEN).body("{\"kid\":\"k1\"}").when().post("/v1/devstate/keys/rotate").then().statusCode(403);
    }

    @Test
    void readsAreOpenUnlessProtected() {
        as(null).when().get("/v1/devstate/verify").then().statusCode(200);
        as(null).queryParam("project", newProject("nobody")).when().get("/v1/devstate/state").then().statusCode(404);
        as(null).when().get("/v1/devstate/keys/active").then().statusCode(200);
    }

    @Test
    void thePrincipalIsRecordedInsideTheSignedEntryWhateverTheActorClaims() {
        String project = newProject("principal");
        as(WRITER_TOKEN).queryParam("project", project)
                .body("{\"actor\":\"admin\",\"action\":\"note\",\"metadata\":{\"principal\":\"forged\"}}")
                .when().post("/v1/devstate/history").then().statusCode(201);
        as(ADMIN_TOKEN).queryParam("project", project).body(validState("CP1-LC")).when().put("/v1/devstate/state")
                .then().statusCode(200);

        given().queryParam("project", project).when().get("/v1/devstate/history/1")
                .then().body("actor", equalTo("admin"))
                .body("metadata.principal", equalTo("ci-writer"));
        given().queryParam("project", project).when().get("/v1/devstate/history/2")
                .then().body("metadata.principal", equalTo("admin"));
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(2));
    }
}
