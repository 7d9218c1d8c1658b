package io.devstate.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.testsupport.ProjectTools;

/**
 * The k6 scripts in k6/ against the workload definitions they share with devstate-load
 * (loadtest/workloads.json): k6 does not run here, so the scripts are type-checked against
 * @types/k6 and read for what each one sends. loadtest/definition_test.go checks the Go side.
 */
class K6ScriptsTest {

    private static final Path K6 = Path.of("k6");
    private static final Path DEFINITION = Path.of("loadtest", "workloads.json");
    /** A request of a route: {@code call('route'} in a script. */
    private static final Pattern CALL = Pattern.compile("\\bcall\\('([a-z0-9_]+)'");
    /** How ide-day's mix steps map to routes: every step is its route but the lock pair. */
    private static final Map<String, Set<String>> STEP_ROUTES = Map.of("lock", Set.of("lock_acquire", "lock_release"));

    @Test
    void scriptsTypeCheckAgainstTheK6Api() {
        // Fails with tsc's errors (a misspelt k6 API, a scenario without its required options).
        ProjectTools.ensure("scripts/lib/k6-check.sh");
    }

    @Test
    void everyWorkloadHasItsScriptAndEveryScriptItsWorkload() throws IOException {
        Set<String> scripts;
        try (Stream<Path> files = Files.list(K6)) {
            scripts = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".js"))
                    .map(n -> n.substring(0, n.length() - ".js".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(scripts).isEqualTo(workloads().keySet());
    }

    @Test
    void everyScriptTakesItsOptionsAndSummaryFromItsWorkload() throws IOException {
        for (String name : workloads().keySet()) {
            String script = Files.readString(K6.resolve(name + ".js"));
            assertThat(script).as("k6/%s.js", name)
                    .contains("const w = workload('" + name + "');")
                    .contains("export const options = w.options;")
                    .contains("return summary(w, data");
            // Limits, rates and durations come from the definition only (k6/lib/workloads.js).
            assertThat(script).as("k6/%s.js hard-codes a threshold, rate or duration", name)
                    .doesNotContain("thresholds")
                    .doesNotContainPattern("p\\(\\d+\\)\\s*<")
                    .doesNotContainPattern("\\b(rate|duration|preAllocatedVUs|maxVUs)\\s*:");
        }
        assertThat(Files.readString(K6.resolve("lib").resolve("workloads.js")))
                .contains("open(import.meta.resolve('../../loadtest/workloads.json'))")
                .contains("`http_req_duration{route:${route}}`")
                .contains("`p(95)<${limit * scale}`")
                .contains("http_req_failed: [definition.http_req_failed]")
                .contains("executor: 'constant-arrival-rate'");
    }

    @Test
    void everyScriptSendsExactlyTheRoutesItsThresholdsName() throws IOException {
        for (Map.Entry<String, JsonNode> w : workloads().entrySet()) {
            String script = Files.readString(K6.resolve(w.getKey() + ".js"));
            Set<String> sent = new TreeSet<>();
            Matcher m = CALL.matcher(script);
            while (m.find()) {
                sent.add(m.group(1));
            }
            Set<String> thresholds = new TreeSet<>();
            w.getValue().path("thresholds").fieldNames().forEachRemaining(thresholds::add);
            assertThat(sent).as("routes k6/%s.js calls vs the thresholds of %s", w.getKey(), w.getKey())
                    .isEqualTo(thresholds);
            // A mixed workload reaches a route only through a step of its mix.
            JsonNode mix = w.getValue().path("params").path("mix");
            if (!mix.isMissingNode()) {
                Set<String> reached = new TreeSet<>();
                for (JsonNode step : mix) {
                    String s = step.path("step").asText();
                    reached.addAll(STEP_ROUTES.getOrDefault(s, Set.of(s)));
                    assertThat(script).as("k6/%s.js handles mix step %s", w.getKey(), s).contains("case '" + s + "':");
                }
                assertThat(reached).as("routes the mix of %s reaches", w.getKey()).isEqualTo(thresholds);
            }
        }
    }

    private static Map<String, JsonNode> workloads() throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode w : new ObjectMapper().readTree(DEFINITION.toFile()).path("workloads")) {
            out.put(w.path("name").asText(), w);
        }
        assertThat(out).as("workloads in %s", DEFINITION).isNotEmpty();
        return out;
    }
}
