package io.devstate.locks;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class LockResourceTest {

    private static final String LOCKS = "/v1/devstate/locks";

    private static ValidatableResponse acquire(String project, String body) {
        return given().contentType(ContentType.JSON).queryParam("project", project).body(body)
                .when().post(LOCKS).then();
    }

    @Test
    void acquireHoldRenewRelease() {
        String project = newProject("locks");
        var lock = acquire(project, "{\"scope\":\"deploy\",\"ttl_sec\":30,\"owner\":\"ci\",\"reason\":\"release\"}")
                .statusCode(201)
                .body("lock_id", matchesPattern("[0-9a-f-]{36}"))
                .body("scope", equalTo("deploy"))
                .body("owner", equalTo("ci"))
                .body("fencing_token", equalTo(1))
                .extract();
        String id = lock.path("lock_id");

        acquire(project, "{\"scope\":\"deploy\",\"ttl_sec\":30,\"owner\":\"other\"}")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("holder.owner", equalTo("ci"));
        acquire(project, "{\"scope\":\"other-scope\",\"ttl_sec\":30}").statusCode(201);
        acquire(newProject("elsewhere"), "{\"scope\":\"deploy\",\"ttl_sec\":30}").statusCode(201);

        given().queryParam("project", project).when().get(LOCKS)
                .then().statusCode(200).body("items", hasSize(2));

        String renewedUntil = given().contentType(ContentType.JSON).queryParam("project", project)
                .body("{\"ttl_sec\":600}")
                .when().post(LOCKS + "/" + id + "/renew")
                .then().statusCode(200).extract().path("expires_at");
        assertThat(Instant.parse(renewedUntil)).isAfter(Instant.parse(lock.path("expires_at")));

        // The renew body is optional, but a JSON null is no object (it used to pass as "no body").
        given().contentType(ContentType.JSON).queryParam("project", project).body("null")
                .when().post(LOCKS + "/" + id + "/renew")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).queryParam("project", project).body("{\"ttl_sec\":\"600\"}")
                .when().post(LOCKS + "/" + id + "/renew")
                .then().statusCode(400).body("field", equalTo("ttl_sec"));
        given().contentType(ContentType.JSON).queryParam("project", project)
                .when().post(LOCKS + "/" + id + "/renew").then().statusCode(200);

        given().queryParam("project", project).when().delete(LOCKS + "/" + id).then().statusCode(204);
        given().queryParam("project", project).when().delete(LOCKS + "/" + id).then().statusCode(404);
        given().contentType(ContentType.JSON).queryParam("project", project).body("{}")
                .when().post(LOCKS + "/" + id + "/renew").then().statusCode(404);

        acquire(project, "{\"scope\":\"deploy\",\"ttl_sec\":30}")
                .statusCode(201)
                .body("fencing_token", equalTo(2));
    }

    /** More malformed lock ids than the pool has connections: each is a 404 and the pool stays whole. */
    @Test
    void lockIdsThatAreNoUuidDoNotKeepDatabaseConnections() {
        String project = newProject("no-uuid");
        for (int i = 0; i < 30; i++) {
            given().queryParam("project", project).when().delete(LOCKS + "/not-a-uuid-" + i).then().statusCode(404);
            given().contentType(ContentType.JSON).queryParam("project", project).body("{}")
                    .when().post(LOCKS + "/not-a-uuid-" + i + "/renew").then().statusCode(404);
        }
        given().queryParam("project", project).when().get(LOCKS).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void expiredLocksAreIgnoredAndTokensKeepGrowing() throws InterruptedException {
        String project = newProject("expiry");
        String id = acquire(project, "{\"scope\":\"state\",\"ttl_sec\":1}").statusCode(201).extract().path("lock_id");

        Thread.sleep(1_300);

        given().contentType(ContentType.JSON).queryParam("project", project).body("{}")
                .when().post(LOCKS + "/" + id + "/renew").then().statusCode(404);
        given().queryParam("project", project).when().get(LOCKS).then().body("items", hasSize(0));
        acquire(project, "{\"scope\":\"state\",\"ttl_sec\":30}")
                .statusCode(201)
                .body("fencing_token", equalTo(2));
    }

    @Test
    void invalidRequests() {
        String project = newProject("bad-locks");
        acquire(project, "{\"scope\":\"has space\",\"ttl_sec\":30}").statusCode(422).body("field", equalTo("scope"));
        acquire(project, "{\"scope\":\"x\"}").statusCode(422).body("field", equalTo("ttl_sec"));
        acquire(project, "{\"scope\":\"x\",\"ttl_sec\":0}").statusCode(422);
        acquire(project, "{\"scope\":\"x\",\"ttl_sec\":86401}").statusCode(422);
        acquire(project, "{\"scope\":").statusCode(400);
        given().queryParam("project", project).when().delete(LOCKS + "/not-a-uuid").then().statusCode(404);
    }

    @Test
    void concurrentAcquirersGetExactlyOneLock() {
        String project = newProject("contend");
        long granted = java.util.stream.IntStream.range(0, 16).parallel()
                .map(i -> given().contentType(ContentType.JSON).queryParam("project", project)
                        .body("{\"scope\":\"release\",\"ttl_sec\":30,\"owner\":\"w" + i + "\"}")
                        .when().post(LOCKS).then().extract().statusCode())
                .filter(status -> status == 201)
                .count();

        assertThat(granted).isEqualTo(1);
    }
}
