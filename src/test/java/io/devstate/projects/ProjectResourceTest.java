package io.devstate.projects;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * GET /v1/devstate/projects against a real database shared with every other test: the projects
 * made here are found in name order with their own head and state, by paging through everything.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ProjectResourceTest {

    /** Every project, page after page of {@code limit}; each page checked for name order. */
    private static List<Map<String, Object>> all(int limit) {
        List<Map<String, Object>> projects = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/v1/devstate/projects").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            projects.addAll(items);
            cursor = page.getString("next_cursor");
        } while (cursor != null);
        return projects;
    }

    @Test
    void everyProjectIsListedInNameOrderWithItsHeadAndState() {
        String prefix = newProject("listed");
        String stated = prefix + "-a";
        String historyOnly = prefix + "-b";
        putState(stated, validState("CP1-LIST"));
        append(stated, "agent", "note", null);
        String head = append(stated, "agent", "note", null).extract().path("hmac");
        append(historyOnly, "agent", "note", null);

        List<Map<String, Object>> projects = all(2);
        List<String> names = projects.stream().map(p -> (String) p.get("project")).toList();
        assertThat(names).as("in name order, each once").isSorted().doesNotHaveDuplicates()
                .containsSubsequence(stated, historyOnly);

        Map<String, Object> a = projects.get(names.indexOf(stated));
        assertThat(a.get("head")).isEqualTo(Map.of("seq", 3, "hmac", head));
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) a.get("state");
        assertThat(state).containsEntry("version", 1).containsKey("checksum").containsKey("updated_at");
        Map<String, Object> b = projects.get(names.indexOf(historyOnly));
        assertThat(b.get("state")).isNull();
        assertThat(b.get("head")).isEqualTo(Map.of("seq", 1, "hmac", given().queryParam("project", historyOnly)
                .when().get("/v1/devstate/history/1").then().statusCode(200).extract().<String>path("hmac")));
        assertThat(all(1000)).as("the same list in one page").isEqualTo(projects);
    }

    @Test
    void aCursorThisServiceDidNotIssueAndALimitOutOfRangeAreBadRequests() {
        given().queryParam("cursor", "bm90LW91cnM").when().get("/v1/devstate/projects")
                .then().statusCode(400).body("field", equalTo("cursor"));
        given().queryParam("limit", 0).when().get("/v1/devstate/projects")
                .then().statusCode(400).body("field", equalTo("limit"));
        given().queryParam("limit", 1001).when().get("/v1/devstate/projects")
                .then().statusCode(400).body("field", equalTo("limit"));
    }
}
