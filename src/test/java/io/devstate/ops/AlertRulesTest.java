package io.devstate.ops;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.tamper;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.devstate.testsupport.ExternalProcess;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.ProjectTools;
import io.devstate.testsupport.Scrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The alert rules run in promtool against series this service published, not made-up ones: two
 * scrapes, before and after chains were broken, become the rule test's input. Also runs the
 * committed rule tests and PromQL checks (scripts/check-observability.sh), whose input series may
 * only carry labels the service publishes.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class AlertRulesTest {

    private static final String VERIFY_FAILURES = "devstate_hmac_verify_fail_total";
    private static final Path ALERTS = Path.of("deploy/observability/prometheus/alerts.yml");
    private static final Pattern SERIES = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{.*\\}");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"");

    @Test
    void theCommittedRulesConfigurationAndDashboardQueriesPassPromtool() throws IOException, InterruptedException {
        ProjectTools.ensure("scripts/lib/promtool.sh");
        run(List.of("bash", "scripts/check-observability.sh"));
    }

    @Test
    void aBrokenChainFiresTheVerifyAlertNamingItsProject() throws IOException, InterruptedException {
        ProjectTools.ensure("scripts/lib/promtool.sh");
        // "verified": its chain passed once before it was broken. "fresh": its first verification
        // in this process is the failing one, so its failure series starts at 1. "healthy" passes.
        String verified = chain("alert-verified");
        String healthy = chain("alert-healthy");
        for (String project : List.of(verified, healthy)) {
            given().queryParam("project", project).when().get("/v1/devstate/verify").then().statusCode(200);
        }
        String fresh = chain("alert-fresh");
        List<String> projects = List.of(verified, healthy, fresh);
        Map<String, String> before = samples(VERIFY_FAILURES, projects);

        for (String project : List.of(verified, fresh)) {
            tamper("update history_entries set actor = 'mallory' where project = '" + project + "' and seq = 2");
            given().queryParam("project", project).when().get("/v1/devstate/verify")
                    .then().statusCode(200).body("ok", org.hamcrest.Matchers.is(false));
        }
        given().queryParam("project", healthy).when().get("/v1/devstate/verify").then().statusCode(200);
        Map<String, String> after = samples(VERIFY_FAILURES, projects);
        assertThat(after).as("the failure series carries the project").containsOnlyKeys(
                VERIFY_FAILURES + "{project=\"" + verified + "\"}", VERIFY_FAILURES + "{project=\"" + healthy + "\"}",
                VERIFY_FAILURES + "{project=\"" + fresh + "\"}");

        Path test = ruleTest(before, after, List.of(expectedAlert(verified), expectedAlert(fresh)));
        run(List.of("promtool", "test", "rules", test.toString()));
    }

    @Test
    void theCommittedRuleTestsUseOnlyLabelsTheServicePublishes() {
        String project = chain("alert-labels");
        given().queryParam("project", project).when().get("/v1/devstate/verify").then().statusCode(200);
        String scrape = Scrape.text();

        JsonNode tests = OpsFiles.yaml("deploy/observability/prometheus/alerts.test.yml").path("tests");
        int checked = 0;
        for (JsonNode test : tests) {
            for (JsonNode input : test.path("input_series")) {
                Matcher series = SERIES.matcher(input.path("series").asText());
                assertThat(series.matches()).as(input.toString()).isTrue();
                Set<String> published = labelNames(scrape, series.group(1));
                published.addAll(List.of("instance", "job")); // added by Prometheus when it scrapes
                assertThat(published).as("labels of %s in a real scrape", series.group(1))
                        .containsAll(labelNames(series.group(0), series.group(1)));
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    /** Label names of every sample of {@code metric} in an exposition (or a single series). */
    private static Set<String> labelNames(String text, String metric) {
        Set<String> names = new TreeSet<>();
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\}").matcher(text);
        while (sample.find()) {
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                names.add(label.group(1));
            }
        }
        return names;
    }

    private static String chain(String prefix) {
        String project = newProject(prefix);
        for (int i = 0; i < 3; i++) {
            append(project, "ci", "build", null);
        }
        return project;
    }

    /**
     * Series name with labels -> value, as exposed, for one metric and this test's projects (the
     * other tests' series would all look new to the rule test, whose time starts at the first scrape).
     */
    private static Map<String, String> samples(String metric, List<String> projects) {
        Map<String, String> samples = new LinkedHashMap<>();
        Scrape.text().lines().filter(line -> line.startsWith(metric + "{"))
                .filter(line -> projects.stream().anyMatch(project -> line.contains("project=\"" + project + "\"")))
                .forEach(line -> {
                    int space = line.lastIndexOf(' ');
                    samples.put(line.substring(0, space), line.substring(space + 1));
                });
        return samples;
    }

    /**
     * A promtool rule test: one sample a minute, the first scrape for three minutes, the second
     * after it; a series missing from a scrape is missing there ({@code _}).
     */
    private static Path ruleTest(Map<String, String> before, Map<String, String> after, List<Object> alerts)
            throws IOException {
        List<Object> series = new ArrayList<>();
        for (String name : new TreeSet<>(union(before, after))) {
            String values = (before.getOrDefault(name, "_") + " ").repeat(3).trim() + " "
                    + (after.getOrDefault(name, "_") + " ").repeat(12).trim();
            series.add(Map.of("series", withInstance(name), "values", values));
        }
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("rule_files", List.of(ALERTS.toAbsolutePath().toString()));
        test.put("evaluation_interval", "1m");
        test.put("tests", List.of(Map.of("interval", "1m", "input_series", series, "alert_rule_test",
                List.of(Map.of("eval_time", "5m", "alertname", "DevStateChainVerifyFailed", "exp_alerts", alerts)))));
        Path file = Files.createDirectories(Path.of("target", "alert-rules")).resolve("scraped.test.yml");
        new YAMLMapper().writeValue(file.toFile(), test);
        return file;
    }

    private static List<String> union(Map<String, String> before, Map<String, String> after) {
        List<String> names = new ArrayList<>(before.keySet());
        names.addAll(after.keySet());
        return names;
    }

    /** The labels Prometheus adds to what it scrapes. */
    private static String withInstance(String series) {
        int brace = series.indexOf('{');
        String labels = "instance=\"replica-1\",job=\"devstate\"";
        return brace < 0 ? series + "{" + labels + "}" : series.substring(0, brace + 1) + labels + "," + series.substring(brace + 1);
    }

    private static Object expectedAlert(String project) {
        return Map.of(
                "exp_labels", Map.of("severity", "critical", "project", project),
                "exp_annotations", Map.of(
                        "summary", "History chain verification failed (project " + project + ")",
                        "description", "1 HMAC verification failures in 15 minutes.",
                        "runbook", "docs/OPERATIONS.md#verify-failure"));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        ExternalProcess.of(command).runSuccessfully();
    }
}
