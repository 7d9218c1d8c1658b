package io.devstate.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.testsupport.ExternalProcess;
import io.devstate.testsupport.PostgresResource;
import io.devstate.testsupport.ProjectTools;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The page at / in headless Chromium against the packaged service (src/test/python/page_check.py,
 * Selenium and Debian's chromium from scripts/lib/browser.sh): it selects a project made here,
 * shows its state, timeline (tombstone marked, markup in metadata shown as text) and chain status;
 * then this test writes through the API and the page must show the new entry, the new state and the
 * new chain head without a reload. The two sides hand over through files in target/page.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
class PageIT {

    private static final Path PYTHON = Path.of("target", "browser-venv", "bin", "python");
    private static final Path HANDSHAKE = Path.of("target", "page");
    private static final String MARKUP = "<img src=x onerror=alert(1)>";
    private static final long TIMEOUT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void browserIsInstalled() {
        ProjectTools.ensure("scripts/lib/browser.sh");
    }

    @Test
    void thePageAndItsFilesAreServed() {
        given().accept("text/html,application/xhtml+xml,*/*;q=0.8").when().get("/").then().statusCode(200)
                .contentType(startsWith("text/html")).body(containsString("<script src=\"app.js\""));
        given().when().get("/app.js").then().statusCode(200).contentType(containsString("javascript"));
        given().when().get("/style.css").then().statusCode(200).contentType(startsWith("text/css"));
    }

    @Test
    void theBrowserShowsAProjectAndFollowsItsChanges() throws Exception {
        assertThat(PYTHON).as("selenium is missing: run bash scripts/lib/browser.sh").exists();
        // "0" sorts before letters: the project is on the list's first page however many others exist
        String project = "0page-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath state = write("PUT", project, "/state", Map.of("project", project, "version", "1.0.0",
                "current_cp", "CP1-LC", "no_drift", true, "agents", List.of(), "artifact_checksums", List.of(),
                "updated_at", "2026-11-25T10:00:00Z"));
        write("POST", project, "/history", Map.of("actor", "ci", "action", "build", "metadata", Map.of("run", 41)));
        write("POST", project, "/history", Map.of("actor", "ci", "action", "deploy", "metadata", Map.of("note", MARKUP)));
        given().queryParam("project", project).delete("/v1/devstate/history/2").then().statusCode(200);
        Map<String, Object> document = given().queryParam("project", project).get("/v1/devstate/state")
                .then().statusCode(200).extract().jsonPath().getMap("json");

        Files.createDirectories(HANDSHAKE);
        for (String name : List.of("expected.json", "ready", "written.json", "page.png", "failure.png")) {
            Files.deleteIfExists(HANDSHAKE.resolve(name));
        }
        Files.writeString(HANDSHAKE.resolve("expected.json"), JSON.writeValueAsString(Map.of(
                "checksum", state.getString("checksum"), "version", 1, "json", document,
                "seqs", List.of(1, 2, 3, 4), "tombstoned", 2, "tombstone", 4, "marked", 3, "marker", MARKUP,
                "filter_action", "deploy", "filter_seqs", List.of(3))));

        CompletableFuture<ExternalProcess.Result> browser = CompletableFuture.supplyAsync(() -> {
            try {
                return ExternalProcess.of(PYTHON.toString(), "src/test/python/page_check.py",
                        "http://localhost:" + RestAssured.port, project, HANDSHAKE.toString())
                        .log(HANDSHAKE.resolve("page_check.log"))
                        .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                        .run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });

        awaitReady(browser);
        JsonPath appended = write("POST", project, "/history", Map.of("actor", "page-it", "action", "page_live"));
        JsonPath updated = write("POST", project, "/state", Map.of("current_cp", "CP2-LC"));
        Files.writeString(HANDSHAKE.resolve("written.json"), JSON.writeValueAsString(Map.of(
                "appended", Map.of("seq", appended.getLong("seq"), "action", "page_live"),
                "head", updated.getLong("seq"), "checksum", updated.getString("checksum"),
                "version", updated.getLong("version"))));

        ExternalProcess.Result result = browser.get(TIMEOUT_SECONDS + 30, TimeUnit.SECONDS);
        System.out.println("--- page_check.py ---\n" + result.output());
        result.assertSucceeded();
        Path png = HANDSHAKE.resolve("page.png");
        assertThat(png).as("the screenshot").exists();
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertThat(head).as("page.png is a PNG").containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }

    /** Waits for the script's ready file; fails with its output as soon as it ends without one. */
    private static void awaitReady(CompletableFuture<ExternalProcess.Result> browser) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!Files.exists(HANDSHAKE.resolve("ready"))) {
            if (browser.isDone()) {
                ExternalProcess.Result result = browser.get();
                throw new AssertionError("page_check.py ended before the page was ready (exit " + result.exit()
                        + "):\n" + result.output());
            }
            assertThat(System.nanoTime()).as("page_check.py was not ready within %d s:%n%s", TIMEOUT_SECONDS,
                    Files.exists(HANDSHAKE.resolve("page_check.log"))
                            ? Files.readString(HANDSHAKE.resolve("page_check.log"), StandardCharsets.UTF_8) : "")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static JsonPath write(String method, String project, String path, Map<String, Object> body) {
        int expected = method.equals("POST") && path.equals("/history") ? 201 : 200;
        return given().queryParam("project", project).contentType(ContentType.JSON).body(body)
                .request(method, "/v1/devstate" + path).then().statusCode(expected).extract().jsonPath();
    }
}
