package io.devstate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Wherever the project names a Node.js version it names the current LTS line, the one
 * scripts/lib/node-lts.sh installs for the tests (Node 20 reached its end of life in April 2026);
 * in CI the tests really run on it.
 */
class NodeVersionTest {

    private static final Pattern LTS_MAJOR = Pattern.compile("(?m)^DEVSTATE_NODE_LTS_MAJOR=(\\d+)$");

    @Test
    void readmeWorkflowsAndPackageNameTheLtsTheTestsRunOn() throws IOException, InterruptedException {
        Matcher major = LTS_MAJOR.matcher(OpsFiles.text(OpsFiles.path("scripts/lib/node-lts.sh")));
        assertThat(major.find()).isTrue();
        int lts = Integer.parseInt(major.group(1));

        assertThat(OpsFiles.text(OpsFiles.path("README.md"))).contains("Node.js " + lts + " (the current")
                .doesNotContainPattern("Node(\\.js)? 20\\b");
        List<String> workflowVersions = new ArrayList<>();
        for (String workflow : List.of("ci.yml", "release.yml")) {
            Matcher version = Pattern.compile("node-version: \"?(\\d+)")
                    .matcher(OpsFiles.text(OpsFiles.path(".github/workflows/" + workflow)));
            while (version.find()) {
                workflowVersions.add(workflow + ": " + version.group(1));
            }
        }
        assertThat(workflowVersions).allMatch(version -> version.endsWith(": " + lts));

        JsonNode engines = OpsFiles.json("clients/typescript/package.json").path("engines").path("node");
        assertThat(engines.asText()).as("clients/typescript engines.node").matches(">=\\s*" + lts + "(\\.\\d+)*");

        if (System.getenv("CI") != null) {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(node.getInputStream().readAllBytes()).trim();
            node.waitFor();
            assertThat(version).as("node on PATH in CI (.ci/run puts Node %d first)", lts).startsWith("v" + lts + ".");
        }
    }
}
