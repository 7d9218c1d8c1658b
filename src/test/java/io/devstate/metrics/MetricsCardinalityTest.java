package io.devstate.metrics;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.Scrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Project names come from clients: past the cap, their series merge into project="_other". */
@QuarkusTest
@TestProfile(MetricsCardinalityTest.TwoProjects.class)
@WithTestResource(PostgresResource.class)
class MetricsCardinalityTest {

    public static class TwoProjects implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("devstate.metrics.max-project-labels", "2");
        }
    }

    private static final Pattern APPEND_SERIES = Pattern.compile("(?m)^devstate_history_appends_total\\{project=\"([^\"]+)\"\\}");

    @Test
    void projectsPastTheCapShareOneSeries() {
        for (int i = 0; i < 6; i++) {
            String project = newProject("cardinality-" + i);
            append(project, "ci", "build", null);
            append(project, "ci", "test", null);
            given().queryParam("project", project).when().get("/v1/devstate/verify").then().statusCode(200);
        }

        String scrape = Scrape.text();
        Set<String> labels = new TreeSet<>();
        Matcher series = APPEND_SERIES.matcher(scrape);
        while (series.find()) {
            labels.add(series.group(1));
        }
        assertThat(labels).hasSize(3).contains(ProjectLabels.OTHER);
        // The four projects past the cap: two appends and one passed verification each.
        assertThat(Scrape.value("devstate_history_appends_total{project=\"_other\"}")).isEqualTo(8.0);
        assertThat(Scrape.value("devstate_hmac_verify_pass_total{project=\"_other\"}")).isEqualTo(4.0);
    }
}
