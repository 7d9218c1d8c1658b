package io.devstate.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * deploy/kubernetes matches the application: every probe path answers 200 on the port the
 * container listens on, variables are ones DevState reads, secrets and security are in place.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class KubernetesManifestsTest {

    private static final String FOLDER = "deploy/kubernetes";
    private static final List<JsonNode> MANIFESTS = OpsFiles.yamlDocuments(FOLDER);
    private static final List<JsonNode> SECRET_EXAMPLES =
            OpsFiles.yamlDocuments(OpsFiles.path(FOLDER + "/examples/secret.example.yaml"));

    @Test
    void theAuditCronJobWritesOnlyToItsVolumeAndPinsTheLogKey() {
        List<JsonNode> docs = OpsFiles.yamlDocuments(OpsFiles.path(FOLDER + "/examples/audit-cronjob.yaml"));
        JsonNode cronJob = docs.stream().filter(doc -> doc.path("kind").asText().equals("CronJob"))
                .findFirst().orElseThrow();
        JsonNode pod = cronJob.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        String mount = container.path("volumeMounts").get(0).path("mountPath").asText();
        List<String> args = new java.util.ArrayList<>();
        container.path("args").forEach(arg -> args.add(arg.asText()));
        assertThat(args.get(0)).isEqualTo("audit");
        // The root file system is read-only: everything audit writes must be on the volume.
        List<String> written = new java.util.ArrayList<>();
        args.stream().filter(arg -> arg.startsWith("--anchor=") || arg.startsWith("--metrics-file="))
                .forEach(arg -> written.add(arg.substring(arg.indexOf('=') + 1)));
        written.add(envValue(container, "DEVSTATE_STATE_DIR"));
        assertThat(written).hasSize(3).allSatisfy(path -> assertThat(path).startsWith(mount + "/"));
        JsonNode configMap = docs.stream().filter(doc -> doc.path("kind").asText().equals("ConfigMap"))
                .findFirst().orElseThrow();
        assertThat(configMap.path("data").path("DEVSTATE_LOG_VERIFIER_KEY").asText())
                .as("a pinned key, not trust on first use").contains("+");
    }

    @Test
    void everyProbeAnswers200OnTheContainerPortAndTheConfiguredHttpPort() {
        JsonNode container = container();
        int containerPort = httpContainerPort(container);
        assertThat(Integer.parseInt(envValue(container, "DEVSTATE_HTTP_PORT"))).isEqualTo(containerPort);
        for (String kind : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode httpGet = container.path(kind).path("httpGet");
            assertThat(httpGet.path("path").asText()).as(kind).startsWith("/q/health/");
            assertThat(resolvePort(container, httpGet.path("port"))).as(kind + " port").isEqualTo(containerPort);
            assertThat(httpGet.path("scheme").asText("HTTP")).isEqualTo("HTTP");
            given().when().get(httpGet.path("path").asText()).then().statusCode(200);
        }
    }

    @Test
    void probesUseTheStartedLiveAndReadyChecks() {
        JsonNode container = container();
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/started");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
    }

    @Test
    void prometheusAnnotationsPointAtTheMetricsEndpoint() {
        JsonNode annotations = deployment().path("spec").path("template").path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asInt()).isEqualTo(httpContainerPort(container()));
        given().when().get(annotations.path("prometheus.io/path").asText()).then().statusCode(200);
    }

    @Test
    void serviceSelectsThePodsAndTargetsTheContainerPort() {
        JsonNode service = single("Service");
        JsonNode podLabels = deployment().path("spec").path("template").path("metadata").path("labels");
        for (Map.Entry<String, JsonNode> selector : service.path("spec").path("selector").properties()) {
            assertThat(podLabels.path(selector.getKey()).asText()).isEqualTo(selector.getValue().asText());
        }
        JsonNode port = service.path("spec").path("ports").get(0);
        assertThat(resolvePort(container(), port.path("targetPort"))).isEqualTo(httpContainerPort(container()));
    }

    @Test
    void runsAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() {
        JsonNode pod = deployment().path("spec").path("template").path("spec");
        JsonNode security = container().path("securityContext");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(security.path("runAsNonRoot").asBoolean(true)).isTrue();
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        String tmpVolume = mountAt(container(), "/tmp").path("name").asText();
        assertThat(volume(tmpVolume).has("emptyDir")).as("/tmp is an emptyDir").isTrue();
    }

    @Test
    void cpuAndMemoryHaveRequestsAndLimits() {
        JsonNode resources = container().path("resources");
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertThat(resources.path(bound).path(resource).asText()).as(bound + "." + resource).isNotBlank();
            }
        }
    }

    @Test
    void theNativeHeapCeilingLeavesRoomInsideTheMemoryLimit() {
        JsonNode container = container();
        List<String> heap = new ArrayList<>();
        container.path("args").forEach(arg -> heap.add(arg.asText()));
        assertThat(heap).as("args of the native image").singleElement().asString().matches("-Xmx\\d+m");
        long heapMib = Long.parseLong(heap.get(0).replaceAll("\\D", ""));
        // The executable's image (~85 MB mapped) and off-heap buffers come on top of the heap.
        assertThat(mebibytes(container.path("resources").path("limits").path("memory").asText()))
                .isGreaterThanOrEqualTo(heapMib + 100);
    }

    /**
     * deploy/kubernetes-jvm patches the base Deployment by JSON patch paths and renames its image:
     * every path must exist in the base (an `add` to a list: the list), and the image must be the
     * base's, or kustomize fails or silently patches nothing.
     */
    @Test
    void theJvmOverlayPatchesWhatTheBaseDeploymentHas() throws Exception {
        JsonNode overlay = OpsFiles.yamlDocuments(OpsFiles.path("deploy/kubernetes-jvm/kustomization.yaml")).get(0);
        assertThat(overlay.path("resources").get(0).asText()).isEqualTo("../kubernetes");
        String image = container().path("image").asText();
        assertThat(overlay.path("images").get(0).path("name").asText()).isEqualTo(image.substring(0, image.lastIndexOf(':')));
        assertThat(overlay.path("images").get(0).path("newTag").asText()).endsWith("-jvm");

        JsonNode patch = new YAMLMapper().readTree(overlay.path("patches").get(0).path("patch").asText());
        assertThat(patch.size()).isPositive();
        for (JsonNode operation : patch) {
            String path = operation.path("path").asText();
            String target = operation.path("op").asText().equals("add") && path.endsWith("/-")
                    ? path.substring(0, path.length() - 2)
                    : path;
            assertThat(deployment().at(target).isMissingNode()).as("%s %s in deployment.yaml", operation.path("op"), path)
                    .isFalse();
        }
    }

    private static long mebibytes(String quantity) {
        assertThat(quantity).matches("\\d+(Mi|Gi)");
        long value = Long.parseLong(quantity.substring(0, quantity.length() - 2));
        return quantity.endsWith("Gi") ? value * 1024 : value;
    }

    @Test
    void databaseUrlComesFromASecretThatTheExampleDescribes() {
        JsonNode ref = envEntry(container(), "DATABASE_URL").path("valueFrom").path("secretKeyRef");
        assertThat(exampleSecretKeys(ref.path("name").asText())).contains(ref.path("key").asText());
    }

    @Test
    void keyAndTokenFilesAreMountedFromSecretsThatTheExampleDescribes() {
        for (String variable : List.of("DEVSTATE_HMAC_KEYS_FILE", "DEVSTATE_TOKENS_FILE")) {
            String file = envValue(container(), variable);
            String directory = file.substring(0, file.lastIndexOf('/'));
            String name = file.substring(file.lastIndexOf('/') + 1);
            JsonNode mount = mountAt(container(), directory);
            assertThat(mount.path("readOnly").asBoolean()).as(variable + " mount is read-only").isTrue();
            JsonNode secret = volume(mount.path("name").asText()).path("secret");
            assertThat(secret.isObject()).as(variable + " comes from a Secret").isTrue();
            String key = name;
            for (JsonNode item : secret.path("items")) {
                if (item.path("path").asText().equals(name)) {
                    key = item.path("key").asText();
                }
            }
            assertThat(exampleSecretKeys(secret.path("secretName").asText())).as(variable).contains(key);
        }
    }

    @Test
    void exampleTokensFollowTheTokensFileFormat() {
        String tokens = exampleSecret("devstate-tokens").path("stringData").path("tokens").asText();
        assertThat(tokens.lines().filter(line -> !line.isBlank() && !line.startsWith("#")))
                .isNotEmpty()
                .allMatch(line -> line.matches("\\S+ \\S+ [0-9a-f]{64}"), "<name> <role> <sha256-hex>");
    }

    @Test
    void exampleKeysFollowTheKeysFileFormat() {
        String keys = exampleSecret("devstate-hmac-keys").path("stringData").path("hmac-keys").asText();
        assertThat(keys.lines().filter(line -> !line.isBlank() && !line.startsWith("#")))
                .isNotEmpty()
                .allMatch(line -> line.matches("[A-Za-z0-9._-]{1,64}:\\S.*"), "<kid>:<secret>");
    }

    @Test
    void everyVariableIsReadByTheApplication() {
        Set<String> names = new LinkedHashSet<>();
        container().path("env").forEach(entry -> names.add(entry.path("name").asText()));
        for (JsonNode source : container().path("envFrom")) {
            String configMap = source.path("configMapRef").path("name").asText();
            JsonNode data = named("ConfigMap", configMap).path("data");
            assertThat(data.isObject()).as("ConfigMap " + configMap).isTrue();
            data.fieldNames().forEachRemaining(names::add);
        }
        assertThat(names).contains("DATABASE_URL", "DEVSTATE_HTTP_PORT", "DEVSTATE_HMAC_KEYS_FILE", "DEVSTATE_TOKENS_FILE");
        assertThat(OpsFiles.namesTheApplicationDoesNotRead(names)).isEmpty();
    }

    private static JsonNode deployment() {
        return single("Deployment");
    }

    private static JsonNode container() {
        for (JsonNode container : deployment().path("spec").path("template").path("spec").path("containers")) {
            if (container.path("name").asText().equals("devstate")) {
                return container;
            }
        }
        throw new AssertionError("no container named devstate");
    }

    private static int httpContainerPort(JsonNode container) {
        return resolvePort(container, TextNode.valueOf("http"));
    }

    /** A probe or service port: a number, or the name of one of the container's ports. */
    private static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("the container declares no port named " + port.asText());
    }

    private static JsonNode envEntry(JsonNode container, String name) {
        for (JsonNode entry : container.path("env")) {
            if (entry.path("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("the container sets no " + name);
    }

    private static String envValue(JsonNode container, String name) {
        JsonNode value = envEntry(container, name).path("value");
        assertThat(value.isTextual()).as(name + " has a literal value").isTrue();
        return value.asText();
    }

    private static JsonNode mountAt(JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals(path)) {
                return mount;
            }
        }
        throw new AssertionError("nothing is mounted at " + path);
    }

    private static JsonNode volume(String name) {
        for (JsonNode volume : deployment().path("spec").path("template").path("spec").path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume named " + name);
    }

    private static JsonNode single(String kind) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode manifest : MANIFESTS) {
            if (manifest.path("kind").asText().equals(kind)) {
                found.add(manifest);
            }
        }
        assertThat(found).as(kind + " in " + FOLDER).hasSize(1);
        return found.get(0);
    }

    private static JsonNode named(String kind, String name) {
        for (JsonNode manifest : MANIFESTS) {
            if (manifest.path("kind").asText().equals(kind) && manifest.path("metadata").path("name").asText().equals(name)) {
                return manifest;
            }
        }
        throw new AssertionError("no " + kind + " named " + name + " in " + FOLDER);
    }

    private static JsonNode exampleSecret(String name) {
        for (JsonNode secret : SECRET_EXAMPLES) {
            if (secret.path("metadata").path("name").asText().equals(name)) {
                return secret;
            }
        }
        throw new AssertionError("examples/secret.example.yaml has no Secret named " + name);
    }

    private static Set<String> exampleSecretKeys(String name) {
        Set<String> keys = new LinkedHashSet<>();
        JsonNode secret = exampleSecret(name);
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        secret.path("data").fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
