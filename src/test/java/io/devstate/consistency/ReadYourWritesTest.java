package io.devstate.consistency;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.tamper;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.devstate.state.StateCache;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** DevState-Min-Version and DevState-Min-Seq: a read returns the caller's own write or a later one. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ReadYourWritesTest {

    @Inject
    StateCache cache;

    @Test
    void aMinimumAboveTheCachedVersionIsReadFromTheDatabase() throws InterruptedException {
        String project = newProject("ryw");
        awaitCacheInUse();
        putState(project, validState("CP1-LC"));
        given().queryParam("project", project).when().get("/v1/devstate/state").then().body("version", equalTo(1));

        // What another replica's write looks like here when its notification has not arrived yet:
        // the database is ahead of this replica's cached copy.
        tamper("update state_current set version = 2 where project = '" + project + "'");
        given().queryParam("project", project).when().get("/v1/devstate/state").then().body("version", equalTo(1));

        given().queryParam("project", project).header("DevState-Min-Version", "2")
                .when().get("/v1/devstate/state")
                .then().statusCode(200).body("version", equalTo(2));
        given().queryParam("project", project).header("DevState-Min-Version", "1")
                .when().get("/v1/devstate/state")
                .then().statusCode(200);
    }

    @Test
    void aMinimumAboveTheCurrentVersionIs412() {
        String project = newProject("ryw-future");
        given().queryParam("project", project).header("DevState-Min-Version", "1")
                .when().get("/v1/devstate/state")
                .then().statusCode(412).contentType("application/problem+json")
                .body("detail", equalTo("DevState-Min-Version 1 is above the current state version: project '"
                        + project + "' has no state"));
        putState(project, validState("CP1-LC"));
        given().queryParam("project", project).header("DevState-Min-Version", "2")
                .when().get("/v1/devstate/state")
                .then().statusCode(412)
                .body("detail", equalTo("DevState-Min-Version 2 is above the current state version 1"));
    }

    @Test
    void malformedMinimumsAre400NamingTheHeader() {
        // "" too: sent empty, a minimum is malformed, not absent
        for (String bad : new String[] { "", "0", "-1", "x", "9223372036854775808" }) {
            given().header("DevState-Min-Version", bad).when().get("/v1/devstate/state")
                    .then().statusCode(400).body("field", equalTo("DevState-Min-Version"));
            given().header("DevState-Min-Seq", bad).when().get("/v1/devstate/verify")
                    .then().statusCode(400).body("field", equalTo("DevState-Min-Seq"));
        }
    }

    @Test
    void historyReadsRefuseASeqTheChainDoesNotHold() {
        String project = newProject("ryw-seq");
        int seq = append(project, "a", "note", null).extract().path("seq");
        for (String path : new String[] { "/v1/devstate/history/search", "/v1/devstate/verify", "/v1/devstate/export" }) {
            given().queryParam("project", project).header("DevState-Min-Seq", seq)
                    .when().get(path).then().statusCode(200);
            given().queryParam("project", project).header("DevState-Min-Seq", seq + 1)
                    .when().get(path).then().statusCode(412)
                    .body("detail", equalTo("DevState-Min-Seq " + (seq + 1) + " is above the chain head " + seq));
        }
    }

    private void awaitCacheInUse() throws InterruptedException {
        for (int i = 0; i < 200 && !cache.inUse(); i++) {
            Thread.sleep(50);
        }
        assertThat(cache.inUse()).as("the notification channel is confirmed live").isTrue();
    }
}
