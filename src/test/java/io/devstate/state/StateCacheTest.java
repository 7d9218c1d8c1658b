package io.devstate.state;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.tamper;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class StateCacheTest {

    @Test
    void readsAreServedFromMemoryUntilAChangeIsAnnounced() throws InterruptedException {
        String project = newProject("cached");
        putState(project, validState("CP1-LC"));
        given().queryParam("project", project).when().get("/v1/devstate/state").then().body("version", equalTo(1));

        // A change the database does not announce is invisible: the read did not go to the database.
        tamper("update state_current set version = 41 where project = '" + project + "'");
        given().queryParam("project", project).when().get("/v1/devstate/state").then().body("version", equalTo(1));

        // Announced (as every state write does inside its transaction), the next reads see it.
        tamper("select pg_notify('" + StateChanges.CHANNEL + "', '" + project + "')");
        int version = 1;
        for (int i = 0; i < 100 && version != 41; i++) {
            version = given().queryParam("project", project).when().get("/v1/devstate/state")
                    .then().extract().path("version");
            Thread.sleep(10);
        }
        assertThat(version).isEqualTo(41);
    }

    @Test
    void aStaleReadCannotRepopulateTheCacheAfterAnInvalidation() {
        StateCache cache = new StateCache();
        cache.listening(true);
        long before = cache.generation();
        cache.invalidate("p");
        cache.put(new StoredState("p", null, "sha256:x", 1, "t"), before);

        assertThat(cache.get("p")).isEmpty();
        cache.put(new StoredState("p", null, "sha256:y", 2, "t"), cache.generation());
        assertThat(cache.get("p")).isPresent();
        cache.listening(false);
        assertThat(cache.get("p")).isEmpty();
    }
}
