package io.devstate.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** docker-compose.yml matches the application: ports, variable names, health path, mounts. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ComposeFileTest {

    private static final JsonNode COMPOSE = OpsFiles.yaml("docker-compose.yml");
    private static final Pattern LOCAL_URL = Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1):(\\d+)(/[^\\s\"'|;&]*)");

    @Test
    void postgresIsPublishedOn55432WithAVolumeAndAHealthCheck() {
        JsonNode postgres = service("postgres");
        assertThat(ports(postgres)).containsEntry(55432, 5432);
        assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready");
        String volume = postgres.path("volumes").get(0).asText();
        assertThat(volume).endsWith(":/var/lib/postgresql/data");
        assertThat(COMPOSE.path("volumes").has(volume.substring(0, volume.indexOf(':')))).isTrue();
    }

    @Test
    void devstateIsPublishedOnTheHttpPortItIsGiven() {
        int httpPort = Integer.parseInt(environment(service("devstate")).get("DEVSTATE_HTTP_PORT"));
        assertThat(httpPort).isEqualTo(3180);
        assertThat(ports(service("devstate"))).containsEntry(3180, httpPort);
    }

    @Test
    void databaseUrlNamesTheComposeDatabaseAndItsCredentials() {
        Map<String, String> postgres = environment(service("postgres"));
        URI url = URI.create(environment(service("devstate")).get("DATABASE_URL"));
        assertThat(url.getScheme()).isEqualTo("postgres");
        assertThat(url.getHost()).isEqualTo("postgres");
        assertThat(ports(service("postgres"))).containsValue(url.getPort());
        assertThat(url.getUserInfo()).isEqualTo(postgres.get("POSTGRES_USER") + ":" + postgres.get("POSTGRES_PASSWORD"));
        assertThat(url.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
    }

    @Test
    void everyVariableGivenToDevstateIsReadByTheApplication() {
        assertThat(OpsFiles.namesTheApplicationDoesNotRead(environment(service("devstate")).keySet())).isEmpty();
    }

    @Test
    void healthCheckCallsARouteThatAnswers200OnTheHttpPort() {
        JsonNode devstate = service("devstate");
        Matcher url = LOCAL_URL.matcher(devstate.path("healthcheck").path("test").toString());
        assertThat(url.find()).as("health check calls a local URL").isTrue();
        assertThat(url.group(1)).isEqualTo(environment(devstate).get("DEVSTATE_HTTP_PORT"));
        given().when().get(url.group(2)).then().statusCode(200);
    }

    @Test
    void devstateStartsOnceTheDatabaseIsHealthy() {
        assertThat(service("devstate").path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void observabilityProfileMountsFilesOfThisRepository() {
        for (String name : List.of("prometheus", "grafana")) {
            JsonNode service = service(name);
            assertThat(service.path("profiles").toString()).contains("\"observability\"");
            for (JsonNode volume : service.path("volumes")) {
                String host = volume.asText().substring(0, volume.asText().indexOf(':'));
                if (host.startsWith(".")) {
                    assertThat(Files.exists(Path.of(host))).as(name + " mounts " + host).isTrue();
                } else {
                    assertThat(COMPOSE.path("volumes").has(host)).as(name + " volume " + host).isTrue();
                }
            }
        }
        assertThat(service("prometheus").path("volumes").toString())
                .contains("./deploy/observability/prometheus:/etc/prometheus");
    }

    @Test
    void prometheusScrapesTheMetricsPathOfTheComposeService() {
        JsonNode job = OpsFiles.yaml("deploy/observability/prometheus/prometheus.yml").path("scrape_configs").get(0);
        String port = environment(service("devstate")).get("DEVSTATE_HTTP_PORT");
        assertThat(job.path("static_configs").get(0).path("targets").toString()).contains("\"devstate:" + port + "\"");
        given().when().get(job.path("metrics_path").asText()).then().statusCode(200);
    }

    /**
     * {@code docker compose up --build} as the README writes it: no variable is required, and the
     * default Dockerfile builds from files a clean checkout has, including every directory the
     * pom packages as resources.
     */
    @Test
    void composeUpBuildsFromTheCheckoutWithoutAnyVariable() throws Exception {
        JsonNode devstate = service("devstate");
        assertThat(COMPOSE.toString()).doesNotContain(":?");
        String dockerfile = devstate.path("build").path("dockerfile").asText().replaceAll("^\\$\\{[A-Z_]+:-(.*)}$", "$1");
        List<String> copied = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(dockerfile))) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("COPY") && !line.contains("--from=")) {
                List<String> args = new ArrayList<>(List.of(words).subList(1, words.length));
                args.removeIf(arg -> arg.startsWith("--"));
                copied.addAll(args.subList(0, args.size() - 1));
            }
        }
        assertThat(copied).as("COPY sources of %s", dockerfile).isNotEmpty();
        List<String> gitLsFiles = new ArrayList<>(List.of("git", "ls-files", "--error-unmatch", "--"));
        gitLsFiles.addAll(copied);
        Process tracked = new ProcessBuilder(gitLsFiles).redirectErrorStream(true).start();
        String output = new String(tracked.getInputStream().readAllBytes());
        assertThat(tracked.waitFor()).as("every COPY source is in the checkout: %s", output).isZero();
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher resource = Pattern.compile("<directory>([^<]+)</directory>").matcher(pom);
        while (resource.find()) {
            String directory = resource.group(1);
            assertThat(copied).as("the pom packages %s", directory)
                    .anyMatch(source -> directory.startsWith(source) || source.startsWith(directory + "/"));
        }
    }

    private static JsonNode service(String name) {
        JsonNode service = COMPOSE.path("services").path(name);
        assertThat(service.isObject()).as("service " + name).isTrue();
        return service;
    }

    /** Published port to container port. */
    private static Map<Integer, Integer> ports(JsonNode service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (JsonNode port : service.path("ports")) {
            String[] parts = port.asText().split(":");
            ports.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
        }
        return ports;
    }

    /** The environment, written as a map or as a list of NAME=value. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            List<String> entries = new ArrayList<>();
            environment.forEach(entry -> entries.add(entry.asText()));
            for (String entry : entries) {
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        } else {
            for (Map.Entry<String, JsonNode> field : environment.properties()) {
                env.put(field.getKey(), field.getValue().asText());
            }
        }
        return env;
    }
}
