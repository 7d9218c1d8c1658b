package io.devstate.state;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class StateResourceTest {

    private static final String STATE = "/v1/devstate/state";

    @Test
    void unknownProjectHasNoState() {
        given().queryParam("project", newProject("none"))
                .when().get(STATE)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("urn:devstate:problem:not-found"));
    }

    @Test
    void badProjectNameIsRefused() {
        given().queryParam("project", "Bad Name!")
                .when().get(STATE)
                .then().statusCode(400)
                .body("field", equalTo("project"));
    }

    @Test
    void putCreatesStateAndAppendsAnUpdateEntryInTheSameWrite() {
        String project = newProject("state");
        String checksum = putState(project, validState("CP1-LC"))
                .header("ETag", matchesPattern("\"sha256:[0-9a-f]{64}\""))
                .body("version", equalTo(1))
                .body("seq", equalTo(1))
                .body("hmac", matchesPattern("[0-9a-f]{64}"))
                .extract().path("checksum");

        String updatedAt = given().queryParam("project", project)
                .when().get(STATE)
                .then().statusCode(200)
                .header("ETag", equalTo("\"" + checksum + "\""))
                .body("json.current_cp", equalTo("CP1-LC"))
                .body("checksum", equalTo(checksum))
                .body("version", equalTo(1))
                .extract().path("updated_at");

        given().queryParam("project", project)
                .when().get("/v1/devstate/history/1")
                .then().statusCode(200)
                .body("ts", equalTo(updatedAt))
                .body("action", equalTo("update_state"))
                .body("actor", equalTo("api"))
                .body("state_checksum", equalTo(checksum))
                .body("cp_from", nullValue())
                .body("cp_to", equalTo("CP1-LC"));
    }

    @Test
    void mergePatchChangesOnlyWhatItNamesAndRecordsTheCheckpointMove() {
        String project = newProject("patch");
        putState(project, validState("CP1-LC"));

        given().contentType("application/merge-patch+json").queryParam("project", project)
                .header("DevState-Actor", "agent-7")
                .header("DevState-Metadata", "{\"ticket\":\"T-1\"}")
                .body("{\"current_cp\":\"CP2-RC\",\"no_drift\":null,\"extra\":{\"k\":1}}")
                .when().post(STATE)
                .then().statusCode(422);  // no_drift is required by the schema: removing it fails

        given().contentType("application/merge-patch+json").queryParam("project", project)
                .header("DevState-Actor", "agent-7")
                .header("DevState-Metadata", "{\"ticket\":\"T-1\"}")
                .body("{\"current_cp\":\"CP2-RC\",\"extra\":{\"k\":1}}")
                .when().post(STATE)
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("seq", equalTo(2));

        given().queryParam("project", project).when().get(STATE)
                .then().body("json.current_cp", equalTo("CP2-RC"))
                .body("json.no_drift", equalTo(true))
                .body("json.extra.k", equalTo(1));
        given().queryParam("project", project).when().get("/v1/devstate/history/2")
                .then().body("actor", equalTo("agent-7"))
                .body("cp_from", equalTo("CP1-LC"))
                .body("cp_to", equalTo("CP2-RC"))
                .body("metadata.ticket", equalTo("T-1"));
    }

    @Test
    void ifNoneMatchAnswersNotModified() {
        String project = newProject("etag");
        String checksum = putState(project, validState("CP1-LC")).extract().path("checksum");

        given().queryParam("project", project).header("If-None-Match", "\"" + checksum + "\"")
                .when().get(STATE)
                .then().statusCode(304);
        given().queryParam("project", project).header("If-None-Match", "\"sha256:" + "0".repeat(64) + "\"")
                .when().get(STATE)
                .then().statusCode(200);
    }

    @Test
    void staleIfMatchIsRefusedAndChangesNothing() {
        String project = newProject("ifmatch");
        String first = putState(project, validState("CP1-LC")).extract().path("checksum");
        given().contentType(ContentType.JSON).queryParam("project", project).header("If-Match", "\"" + first + "\"")
                .body(validState("CP2-LC"))
                .when().put(STATE)
                .then().statusCode(200);

        given().contentType(ContentType.JSON).queryParam("project", project).header("If-Match", "\"" + first + "\"")
                .body(validState("CP3-LC"))
                .when().put(STATE)
                .then().statusCode(412)
                .contentType("application/problem+json");

        given().queryParam("project", project).when().get(STATE)
                .then().body("json.current_cp", equalTo("CP2-LC"))
                .body("version", equalTo(2));
    }

    /** RFC 9110 13.2.1: a request refused without its preconditions is refused for that, not with 412. */
    @Test
    void anOverlongActorIs422EvenWhenIfMatchWouldFail() {
        String project = newProject("actor-first");
        given().contentType(ContentType.JSON).queryParam("project", project).header("If-Match", "\"sha256:nope\"")
                .header("DevState-Actor", "a".repeat(201))
                .body(validState("CP1-LC"))
                .when().put(STATE)
                .then().statusCode(422)
                .body("field", equalTo("actor"));
        given().queryParam("project", project).when().get(STATE).then().statusCode(404);
    }

    @Test
    void schemaViolationsAre422WithTheErrorsAndNothingIsWritten() {
        String project = newProject("schema");
        given().contentType(ContentType.JSON).queryParam("project", project)
                .body("{\"project\":\"demo\",\"current_cp\":\"not a checkpoint\"}")
                .when().put(STATE)
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors", notNullValue())
                .body("errors.path", hasItem("/current_cp"));

        given().queryParam("project", project).when().get(STATE).then().statusCode(404);
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("verified", equalTo(0));
    }

    @Test
    void malformedJsonIs400() {
        given().contentType(ContentType.JSON).queryParam("project", newProject("bad"))
                .body("{\"current_cp\": ")
                .when().put(STATE)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void bodyThatIsNotAnObjectIs422() {
        given().contentType(ContentType.JSON).queryParam("project", newProject("array"))
                .body("[1,2]")
                .when().put(STATE)
                .then().statusCode(422);
    }

    @Test
    void badMetadataHeaderIs400() {
        given().contentType(ContentType.JSON).queryParam("project", newProject("meta"))
                .header("DevState-Metadata", "not json")
                .body(validState("CP1-LC"))
                .when().put(STATE)
                .then().statusCode(400)
                .body("field", equalTo("DevState-Metadata"));
    }

    @Test
    void wrongMediaTypeIs415() {
        given().contentType(ContentType.TEXT).queryParam("project", newProject("media"))
                .body("hello")
                .when().put(STATE)
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"x\":\"" + "a".repeat(1_100_000) + "\"}";
        given().contentType(ContentType.JSON).queryParam("project", newProject("big"))
                .body(big)
                .when().put(STATE)
                .then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void chunkedBodyWithoutLengthIs411() throws Exception {
        byte[] body = validState("CP1-LC").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + STATE
                + "?project=" + newProject("chunked")))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void wronglyTypedBodyIs400Problem() {
        given().contentType(ContentType.JSON).queryParam("project", newProject("typed"))
                .body("{\"scope\":\"x\",\"ttl_sec\":\"abc\"}")
                .when().post("/v1/devstate/locks")
                .then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"actor\":{\"nested\":1},\"action\":\"note\"}")
                .when().post("/v1/devstate/history")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void lockedStateRefusesWritersWithoutTheLock() {
        String project = newProject("locked");
        putState(project, validState("CP1-LC"));
        String lockId = given().contentType(ContentType.JSON).queryParam("project", project)
                .body("{\"scope\":\"state\",\"ttl_sec\":60,\"owner\":\"ci\"}")
                .when().post("/v1/devstate/locks")
                .then().statusCode(201)
                .extract().path("lock_id");

        given().contentType(ContentType.JSON).queryParam("project", project)
                .body(validState("CP2-LC"))
                .when().put(STATE)
                .then().statusCode(423)
                .contentType("application/problem+json")
                .body("holder.owner", equalTo("ci"));
        given().contentType(ContentType.JSON).queryParam("project", project)
                .header("DevState-Lock", "00000000-0000-0000-0000-000000000000")
                .body(validState("CP2-LC"))
                .when().put(STATE)
                .then().statusCode(423);

        given().contentType(ContentType.JSON).queryParam("project", project)
                .header("DevState-Lock", lockId)
                .body(validState("CP2-LC"))
                .when().put(STATE)
                .then().statusCode(200);

        given().queryParam("project", project).when().delete("/v1/devstate/locks/" + lockId)
                .then().statusCode(204);
        given().contentType(ContentType.JSON).queryParam("project", project)
                .body(validState("CP3-LC"))
                .when().put(STATE)
                .then().statusCode(200)
                .body("version", equalTo(3));
    }

    @Test
    void checksumIsTheSameWhateverTheMemberOrder() {
        String a = putState(newProject("order"), validState("CP1-LC")).extract().path("checksum");
        String reordered = """
                {"updated_at":"2026-11-25T10:00:00Z","artifact_checksums":[],"agents":[],"no_drift":true,
                 "current_cp":"CP1-LC","version":"1.0.0","project":"demo"}""";
        String b = putState(newProject("order"), reordered).extract().path("checksum");

        assertThat(a).isEqualTo(b);
    }

    @Test
    void historyOfAStateWriteListsUpdates() {
        String project = newProject("list");
        putState(project, validState("CP1-LC"));
        putState(project, validState("CP2-LC"));

        given().queryParam("project", project).queryParam("action", "update_state")
                .when().get("/v1/devstate/history/search")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].seq", equalTo(2));
    }
}
