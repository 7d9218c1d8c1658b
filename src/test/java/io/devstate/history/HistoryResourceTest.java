package io.devstate.history;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class HistoryResourceTest {

    private static final String HISTORY = "/v1/devstate/history";

    @Test
    void appendAnswersCreatedWithTheSignedEntry() {
        String project = newProject("append");
        append(project, "alice", "note", null)
                .header("Location", endsWith(HISTORY + "/1?project=" + project))
                .body("project", equalTo(project))
                .body("seq", equalTo(1))
                .body("ts", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z"))
                .body("hmac", matchesPattern("[0-9a-f]{64}"));
        String first = append(project, "alice", "note", "{\"k\":[1,2]}")
                .body("seq", equalTo(2))
                .extract().path("hmac");

        given().queryParam("project", project).when().get(HISTORY + "/2")
                .then().statusCode(200)
                .body("hmac", equalTo(first))
                .body("metadata.k", contains(1, 2))
                .body("kid", equalTo("k1"))
                .body("tombstoned_by", nullValue());
    }

    @Test
    void newHmacIsKeptForOriginalClientsAndChainsToThePrevious() {
        String project = newProject("link");
        String h1 = append(project, "a", "note", null).extract().path("new_hmac");

        given().queryParam("project", project).when().get(HISTORY + "/1")
                .then().body("hmac", equalTo(h1))
                .body("hmac_prev", equalTo("0".repeat(64)));
        append(project, "a", "note", null);
        given().queryParam("project", project).when().get(HISTORY + "/2")
                .then().body("hmac_prev", equalTo(h1));
    }

    @Test
    void invalidAppendsAre422AndWriteNothing() {
        String project = newProject("invalid");
        for (String body : List.of("{\"action\":\"note\"}", "{\"actor\":\"a\"}", "{\"actor\":\"a\",\"action\":\"Not Valid\"}",
                "{\"actor\":\"a\",\"action\":\"update_state\"}", "{\"actor\":\"a\",\"action\":\"tombstone\"}",
                "{\"actor\":\"a\",\"action\":\"note\",\"metadata\":[1]}",
                "{\"actor\":\"a\",\"action\":\"note\",\"state_checksum\":\"abc\"}",
                "{\"actor\":\"" + "x".repeat(201) + "\",\"action\":\"note\"}",
                "{\"actor\":\"a\",\"action\":\"note\",\"metadata\":{\"s\":\"nul\\u0000\"}}")) {
            given().contentType(ContentType.JSON).queryParam("project", project).body(body)
                    .when().post(HISTORY)
                    .then().statusCode(422)
                    .contentType("application/problem+json");
        }
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("verified", equalTo(0));
    }

    @Test
    void malformedAndWrongTypeBodies() {
        given().contentType(ContentType.JSON).body("{\"actor\":").when().post(HISTORY)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("actor=a").when().post(HISTORY)
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType(ContentType.JSON).when().post(HISTORY)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void valuesOfTheWrongJsonTypeAre400NotConverted() {
        for (String[] call : new String[][] {
            { HISTORY, "{\"actor\":true,\"action\":\"note\"}" },
            { HISTORY, "{\"actor\":1,\"action\":\"note\"}" },
            { HISTORY, "{\"actor\":\"a\",\"action\":\"note\",\"cp_from\":3}" },
            { "/v1/devstate/locks", "{\"scope\":\"s1\",\"ttl_sec\":\"60\"}" },
            { "/v1/devstate/locks", "{\"scope\":\"s2\",\"ttl_sec\":1.5}" },
            { "/v1/devstate/locks", "{\"scope\":7,\"ttl_sec\":60}" } }) {
            given().contentType(ContentType.JSON).queryParam("project", newProject("types")).body(call[1])
                    .when().post(call[0])
                    .then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void unknownAndMalformedSeq() {
        String project = newProject("seq");
        append(project, "a", "note", null);
        given().queryParam("project", project).when().get(HISTORY + "/2").then().statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("project", project).when().get(HISTORY + "/abc").then().statusCode(400);
        given().queryParam("project", project).when().get(HISTORY + "/0").then().statusCode(400);
    }

    @Test
    void searchFiltersAndPagesNewestFirst() {
        String project = newProject("search");
        for (int i = 1; i <= 7; i++) {
            append(project, i % 2 == 0 ? "bob" : "alice", i <= 3 ? "plan" : "build", "{\"n\":" + i + ",\"tag\":\"t" + (i % 3) + "\"}");
        }

        given().queryParam("project", project).queryParam("actor", "bob")
                .when().get(HISTORY + "/search")
                .then().statusCode(200)
                .body("items.seq", contains(6, 4, 2))
                .body("next_cursor", nullValue());
        given().queryParam("project", project).queryParam("action", "plan")
                .when().get(HISTORY + "/search")
                .then().body("items.seq", contains(3, 2, 1));
        given().queryParam("project", project).queryParam("metadata", "{\"tag\":\"t1\"}")
                .when().get(HISTORY + "/search")
                .then().body("items.seq", contains(7, 4, 1));

        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        do {
            var page = given().queryParam("project", project).queryParam("limit", 3)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .when().get(HISTORY + "/search")
                    .then().statusCode(200).extract();
            seen.addAll(page.path("items.seq"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        assertThat(seen).containsExactly(7, 6, 5, 4, 3, 2, 1);
    }

    @Test
    void searchByTimeAndCheckpoint() {
        String project = newProject("time");
        String ts = append(project, "a", "note", null).extract().path("ts");
        given().contentType(ContentType.JSON).queryParam("project", project)
                .body("{\"actor\":\"a\",\"action\":\"move\",\"cp_from\":\"CP1-LC\",\"cp_to\":\"CP2-LC\"}")
                .when().post(HISTORY).then().statusCode(201);

        given().queryParam("project", project).queryParam("cp", "CP1-LC")
                .when().get(HISTORY + "/search").then().body("items.seq", contains(2));
        given().queryParam("project", project).queryParam("until", ts)
                .when().get(HISTORY + "/search").then().body("items.seq", contains(1));
        given().queryParam("project", project).queryParam("since", "2999-01-01T00:00:00Z")
                .when().get(HISTORY + "/search").then().body("items", hasSize(0));
    }

    @Test
    void badSearchParametersAre400() {
        for (String[] param : new String[][] { { "limit", "0" }, { "limit", "1001" }, { "limit", "x" },
            { "since", "yesterday" }, { "metadata", "[1]" }, { "metadata", "{" }, { "cursor", "bogus!" } }) {
            given().queryParam(param[0], param[1])
                    .when().get(HISTORY + "/search")
                    .then().statusCode(400)
                    .body("field", equalTo(param[0]));
        }
    }

    @Test
    void deleteAppendsATombstoneAndDeletesNothing() {
        String project = newProject("tomb");
        append(project, "a", "note", null);
        append(project, "a", "note", null);

        given().queryParam("project", project).header("DevState-Actor", "admin")
                .when().delete(HISTORY + "/1")
                .then().statusCode(200)
                .body("seq", equalTo(3))
                .body("target_seq", equalTo(1));

        given().queryParam("project", project).when().get(HISTORY + "/1")
                .then().statusCode(200).body("tombstoned_by", equalTo(3));
        given().queryParam("project", project).when().get(HISTORY + "/3")
                .then().body("action", equalTo("tombstone"))
                .body("actor", equalTo("admin"))
                .body("metadata.target_seq", equalTo(1));
        given().queryParam("project", project).when().get(HISTORY + "/search")
                .then().body("items.tombstoned_by", contains(null, null, 3));

        given().queryParam("project", project).when().delete(HISTORY + "/1").then().statusCode(409);
        given().queryParam("project", project).when().delete(HISTORY + "/3").then().statusCode(409);
        given().queryParam("project", project).when().delete(HISTORY + "/9").then().statusCode(404);
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(3));
    }

    @Test
    void metadataThatMerelyMentionsTargetSeqDoesNotBreakReads() {
        String project = newProject("mention");
        append(project, "a", "note", "{\"target_seq\":\"not a number\"}");
        given().queryParam("project", project).when().get(HISTORY + "/1").then().statusCode(200);
        given().queryParam("project", project).when().get(HISTORY + "/search").then().statusCode(200);
    }

    @Test
    void secretLookingMetadataIsMaskedBeforeItIsStored() {
        String project = newProject("mask");
        append(project, "a", "login", "{\"password\":\"hunter2\",\"user\":\"bob\",\"deep\":{\"API_KEY\":\"k\",\"list\":[{\"access_token\":\"t\"}]}}");

        given().queryParam("project", project).when().get(HISTORY + "/1")
                .then().body("metadata.password", equalTo("[MASKED]"))
                .body("metadata.user", equalTo("bob"))
                .body("metadata.deep.API_KEY", equalTo("[MASKED]"))
                .body("metadata.deep.list[0].access_token", equalTo("[MASKED]"))
                .body("metadata.principal", equalTo("anonymous"));
        given().queryParam("project", project).when().get("/v1/devstate/verify").then().body("ok", equalTo(true));
    }

    @Test
    void deeplyNestedMetadataIs400() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        given().contentType(ContentType.JSON).body("{\"actor\":\"a\",\"action\":\"note\",\"metadata\":" + deep + "}")
                .when().post(HISTORY)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void unknownRouteIsAProblemDocument() {
        given().when().get("/v1/devstate/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void healthIsOk() {
        given().when().get("/health").then().statusCode(200).body("status", equalTo("ok"));
    }
}
