package io.devstate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Grafana dashboard, the Prometheus configuration and the alert rules parse, use only the
 * metric names DevState publishes, and are wired to each other and to the compose profile.
 * PromQL syntax and alert behaviour are checked by promtool (scripts/check-observability.sh).
 */
class ObservabilityFilesTest {

    private static final String OBS = "deploy/observability/";

    private static final Set<String> COUNTERS_AND_GAUGES = Set.of(
            "devstate_request_total", "devstate_append_fail_total", "devstate_state_update_fail_total",
            "devstate_rate_limited_total", "devstate_hmac_verify_pass_total", "devstate_hmac_verify_fail_total",
            "devstate_state_updates_total", "devstate_history_appends_total", "devstate_locks_active",
            "devstate_database_up", "devstate_state_cache_live");
    private static final Set<String> HISTOGRAMS = Set.of(
            "devstate_verify_duration_seconds", "devstate_append_duration_seconds",
            "devstate_state_update_duration_seconds", "http_server_requests_seconds");
    private static final Pattern METRIC = Pattern.compile("\\b(?:devstate|http_server)_[a-z_]+");

    @Test
    void dashboardQueriesUseOnlyPublishedMetrics() {
        assertThat(unknownMetrics(dashboardQueries().values())).isEmpty();
    }

    @Test
    void dashboardShowsRatesLatenciesFailuresRateLimitingLocksAndVerification() {
        JsonNode dashboard = OpsFiles.json(OBS + "grafana/dashboards/devstate.json");
        assertThat(dashboard.path("uid").asText()).isEqualTo("devstate");
        String queries = String.join("\n", dashboardQueries().values());
        assertThat(queries).contains(
                "rate(devstate_request_total",
                "histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket",
                "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket",
                "devstate_append_fail_total", "devstate_state_update_fail_total",
                "devstate_rate_limited_total", "devstate_locks_active", "devstate_hmac_verify_fail_total",
                "devstate_verify_duration_seconds_bucket");
    }

    @Test
    void everyDashboardPanelQueriesTheSelectedPrometheus() {
        JsonNode dashboard = OpsFiles.json(OBS + "grafana/dashboards/devstate.json");
        assertThat(dashboard.path("templating").path("list").get(0).path("name").asText()).isEqualTo("datasource");
        for (JsonNode panel : panels(dashboard)) {
            if (panel.has("targets")) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("${datasource}");
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asText()).as(panel.path("title").asText()).isNotBlank();
                }
            }
        }
    }

    @Test
    void alertRulesAreCompleteAndUseOnlyPublishedMetrics() {
        Map<String, JsonNode> rules = alertRules();
        List<String> expressions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> rule : rules.entrySet()) {
            JsonNode body = rule.getValue();
            assertThat(body.path("expr").asText()).as(rule.getKey()).isNotBlank();
            assertThat(body.path("labels").path("severity").asText()).as(rule.getKey()).isNotBlank();
            assertThat(body.path("annotations").path("summary").asText()).as(rule.getKey()).isNotBlank();
            expressions.add(body.path("expr").asText());
        }
        assertThat(unknownMetrics(expressions)).isEmpty();
    }

    @Test
    void alertsCoverVerifyFailuresP95OverFiftyMillisecondsAndFivePercentErrors() {
        Map<String, JsonNode> rules = alertRules();
        assertThat(rules).containsKeys("DevStateChainVerifyFailed", "DevStateLatencyP95High", "DevStateErrorRatioHigh");
        assertThat(expr(rules, "DevStateChainVerifyFailed")).contains("increase(devstate_hmac_verify_fail_total").endsWith("> 0");
        assertThat(expr(rules, "DevStateLatencyP95High"))
                .contains("histogram_quantile(0.95", "http_server_requests_seconds_bucket").endsWith("> 0.05");
        assertThat(expr(rules, "DevStateErrorRatioHigh"))
                .contains("devstate_request_total{status=~\"5..\"}").endsWith("> 0.05");
    }

    @Test
    void everyAlertLinksToARunbookSectionThatExists() {
        Set<String> anchors = new LinkedHashSet<>();
        Matcher heading = Pattern.compile("(?m)^#{1,6} (.+)$").matcher(OpsFiles.text(OpsFiles.path("docs/OPERATIONS.md")));
        while (heading.find()) {
            anchors.add(OpsFiles.anchor(heading.group(1)));
        }
        for (Map.Entry<String, JsonNode> rule : alertRules().entrySet()) {
            String runbook = rule.getValue().path("annotations").path("runbook").asText();
            assertThat(runbook).as(rule.getKey()).startsWith("docs/OPERATIONS.md#");
            assertThat(anchors).as(rule.getKey()).contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    void prometheusLoadsTheAlertsAndScrapesQuarkusMetricsPath() {
        JsonNode config = OpsFiles.yaml(OBS + "prometheus/prometheus.yml");
        for (JsonNode ruleFile : config.path("rule_files")) {
            assertThat(Files.exists(Path.of(OBS + "prometheus").resolve(ruleFile.asText()))).as(ruleFile.asText()).isTrue();
        }
        assertThat(config.path("rule_files").toString()).contains("alerts.yml");
        JsonNode job = config.path("scrape_configs").get(0);
        assertThat(job.path("job_name").asText()).isEqualTo("devstate");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
        assertThat(OpsFiles.yaml(OBS + "prometheus/alerts.test.yml").path("rule_files").toString()).contains("alerts.yml");
    }

    @Test
    void grafanaProvisioningMatchesTheComposeProfile() {
        JsonNode compose = OpsFiles.yaml("docker-compose.yml");
        JsonNode datasource = OpsFiles.yaml(OBS + "grafana/provisioning/datasources/prometheus.yml").path("datasources").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(compose.path("services").path("prometheus").path("ports").toString()).contains(":9090");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        String dashboardsPath = OpsFiles.yaml(OBS + "grafana/provisioning/dashboards/devstate.yml")
                .path("providers").get(0).path("options").path("path").asText();
        assertThat(compose.path("services").path("grafana").path("volumes").toString())
                .contains("./" + OBS + "grafana/dashboards:" + dashboardsPath)
                .contains("./" + OBS + "grafana/provisioning:/etc/grafana/provisioning");
    }

    private static Map<String, String> dashboardQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : panels(OpsFiles.json(OBS + "grafana/dashboards/devstate.json"))) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + "/" + target.path("refId").asText(), target.path("expr").asText());
            }
        }
        assertThat(queries).isNotEmpty();
        return queries;
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    private static Map<String, JsonNode> alertRules() {
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        for (JsonNode group : OpsFiles.yaml(OBS + "prometheus/alerts.yml").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.put(rule.path("alert").asText(), rule);
            }
        }
        return rules;
    }

    private static String expr(Map<String, JsonNode> rules, String alert) {
        return rules.get(alert).path("expr").asText().replaceAll("\\s+", " ").trim();
    }

    private static Set<String> unknownMetrics(Iterable<String> expressions) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                if (!published(metric.group())) {
                    unknown.add(metric.group());
                }
            }
        }
        return unknown;
    }

    private static boolean published(String series) {
        if (COUNTERS_AND_GAUGES.contains(series)) {
            return true;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (series.endsWith(suffix) && HISTOGRAMS.contains(series.substring(0, series.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }
}
