package io.devstate.files;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.wipe;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.devstate.chain.ChainWriter;
import io.devstate.database.Deadline;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;

import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/**
 * An import writes a whole chain in one transaction, which may take far longer than a request's
 * deadline (a 100,000-entry import in the native executable did): it has a deadline of its own,
 * DEVSTATE_IMPORT_TIMEOUT, and only past that is it a 503, one that names the setting.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(ImportDeadlineTest.ShortRequests.class)
class ImportDeadlineTest {

    private static final Duration HOLD = Duration.ofMillis(2500);

    public static class ShortRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("devstate.database.request-timeout", "1s", "devstate.database.import-timeout", "4s");
        }
    }

    @Inject
    ChainWriter writer;

    /** Another write of the project, in flight for {@code hold}: later writes of it queue behind. */
    private CompletableFuture<Object> busy(String project, Duration hold) {
        Deadline patient = Deadline.of("a test's slow job", Duration.ofSeconds(30), "none");
        return writer.<Object>submit(project, batch -> Uni.createFrom().nullItem().onItem().delayIt().by(hold), patient)
                .subscribeAsCompletionStage();
    }

    private static Map<String, String> exportedAndWiped(String project) {
        for (int i = 0; i < 3; i++) {
            append(project, "agent", "note", null);
        }
        Map<String, String> files = given().queryParam("project", project).when().get("/v1/devstate/export")
                .then().statusCode(200).extract().path("files");
        wipe(project);
        return files;
    }

    private static ValidatableResponse importFiles(String project, Map<String, String> files) {
        return given().contentType(ContentType.JSON).queryParam("project", project)
                .body(Map.of("files", files))
                .when().post("/v1/devstate/import").then();
    }

    @Test
    void anImportOutlastsTheRequestDeadlineWhileAnAppendDoesNot() {
        String project = newProject("import-deadline");
        Map<String, String> files = exportedAndWiped(project);

        CompletableFuture<Object> inFlight = busy(project, HOLD);
        given().contentType(ContentType.JSON).queryParam("project", project).body("{\"actor\":\"agent\",\"action\":\"note\"}")
                .when().post("/v1/devstate/history").then().statusCode(503)
                .body("detail", equalTo("the database did not answer within 1 s"));
        inFlight.join();

        busy(project, HOLD);
        importFiles(project, files).statusCode(200)
                .body("outcome", equalTo("created")).body("imported", equalTo(3));
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("verified", equalTo(3));
    }

    @Test
    void anImportPastItsOwnDeadlineIsA503NamingTheSetting() {
        String project = newProject("import-too-long");
        Map<String, String> files = exportedAndWiped(project);

        CompletableFuture<Object> inFlight = busy(project, Duration.ofSeconds(6));
        importFiles(project, files).statusCode(503).header("Retry-After", "2")
                .body("type", equalTo("urn:devstate:problem:unavailable"))
                .body("detail", containsString("did not finish the import within 4 s (DEVSTATE_IMPORT_TIMEOUT)"));
        inFlight.join();
        // Left out of the batch once its caller was answered: nothing was imported.
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().statusCode(200).body("verified", equalTo(0));
    }
}
