package io.devstate.files;

import static io.devstate.testsupport.Concurrently.appends;
import static io.devstate.testsupport.Concurrently.sendAll;
import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.unsignedEntries;
import static io.devstate.testsupport.Fixtures.validState;
import static io.devstate.testsupport.Fixtures.wipe;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.chain.ChainEntry;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import jakarta.inject.Inject;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class FilesResourceTest {

    private static final String STATE_FILE = ".trae/state.json";
    private static final String HISTORY_FILE = ".trae/history.json";

    @Inject
    ExportService exporter;

    @Inject
    ObjectMapper mapper;

    private static Map<String, String> export(String project) {
        return given().queryParam("project", project).when().get("/v1/devstate/export")
                .then().statusCode(200)
                .body("project", equalTo(project))
                .extract().path("files");
    }

    private static ValidatableResponse importFiles(String project, Map<String, String> files) {
        return given().contentType(ContentType.JSON).queryParam("project", project)
                .body(Map.of("files", files))
                .when().post("/v1/devstate/import").then();
    }

    private static String projectWithWork(String prefix) {
        String project = newProject(prefix);
        putState(project, validState("CP1-LC"));
        append(project, "agent", "note", "{\"unicode\":\"ünïcødé ✓\",\"nested\":{\"z\":[1,2.50,{\"a\":null}]},\"n\":1e21}");
        given().contentType("application/merge-patch+json").queryParam("project", project)
                .body("{\"current_cp\":\"CP2-LC\"}").when().post("/v1/devstate/state").then().statusCode(200);
        given().queryParam("project", project).when().delete("/v1/devstate/history/2").then().statusCode(200);
        return project;
    }

    @Test
    void exportIsDeterministicAndShaped() {
        String project = projectWithWork("export");
        Map<String, String> first = export(project);
        Map<String, String> second = export(project);

        assertThat(second).isEqualTo(first);
        assertThat(first.get(STATE_FILE)).startsWith("{\n  \"agents\": [],\n").endsWith("}\n");
        assertThat(first.get(HISTORY_FILE))
                .startsWith("{\n  \"format\": \"devstate-history/1\",\n  \"project\": \"" + project + "\",\n"
                        + "  \"entries\": [\n    {\n      \"seq\": 1,\n      \"ts\": \"")
                .contains("\"hmac_prev\": \"" + "0".repeat(64) + "\"")
                .endsWith("    }\n  ]\n}\n");
    }

    /**
     * Over page boundaries (exactly one full page, then one entry more) the streamed body is the
     * bytes of the whole record serialised at once, every entry exactly once and in order, and it
     * imports back into an empty database.
     */
    @Test
    void exportStreamsPageByPageAsTheWholeRecordWouldRead() throws Exception {
        String project = newProject("pages");
        appendConcurrently(project, ExportService.PAGE_SIZE);
        Map<String, String> historyOnly = export(project);
        assertThat(historyOnly).doesNotContainKey(STATE_FILE);
        assertThat(seqsOf(project, historyOnly))
                .isEqualTo(LongStream.rangeClosed(1, ExportService.PAGE_SIZE).boxed().toList());

        putState(project, validState("CP1-LC")); // a state write is entry 1001
        String body = given().queryParam("project", project).when().get("/v1/devstate/export")
                .then().statusCode(200).contentType(ContentType.JSON).header("Transfer-Encoding", "chunked")
                .extract().asString();

        assertThat(body).isEqualTo(mapper.writeValueAsString(exporter.exportWithin(project, Long.MAX_VALUE).await().indefinitely().orElseThrow()));
        Map<String, String> files = export(project);
        assertThat(seqsOf(project, files)).isEqualTo(LongStream.rangeClosed(1, ExportService.PAGE_SIZE + 1L).boxed().toList());
        wipe(project);
        importFiles(project, files).statusCode(200).body("imported", equalTo(ExportService.PAGE_SIZE + 1));
        assertThat(export(project)).isEqualTo(files);
    }

    private static void appendConcurrently(String project, int count) {
        assertThat(sendAll(appends(project, count), 100))
                .allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(201));
    }

    private static List<Long> seqsOf(String project, Map<String, String> files) {
        return HistoryFile.parse(files.get(HISTORY_FILE), project).stream().map(ChainEntry::seq).toList();
    }

    /** A client that leaves mid-export is a normal event: no incident logged, nothing left stuck. */
    @Test
    void aClientLeavingMidExportIsNoIncident() throws Exception {
        String project = newProject("abandoned");
        unsignedEntries(project, 20_000, 200); // ~10 MB: far more than the socket buffers hold
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler errorHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(errorHandler);
        try {
            try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                socket.getOutputStream().write(("GET /v1/devstate/export?project=" + project + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(socket.getInputStream().readNBytes(4096), StandardCharsets.US_ASCII))
                        .startsWith("HTTP/1.1 200");
            }
            String whole = given().queryParam("project", project).when().get("/v1/devstate/export")
                    .then().statusCode(200).extract().asString();
            assertThat(whole).endsWith("\\n    }\\n  ]\\n}\\n\"}}");
            Thread.sleep(500); // the abandoned export's next write fails by now
            assertThat(errors).extracting(LogRecord::getMessage).isEmpty();
        } finally {
            root.removeHandler(errorHandler);
        }
    }

    @Test
    void exportOfUnknownProjectIs404() {
        given().queryParam("project", newProject("nobody")).when().get("/v1/devstate/export")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void exportImportIntoAnEmptyDatabaseExportsByteIdenticalFiles() {
        String project = projectWithWork("roundtrip");
        Map<String, String> exported = export(project);
        String stateChecksum = given().queryParam("project", project).when().get("/v1/devstate/state")
                .then().extract().path("checksum");
        wipe(project);

        importFiles(project, exported).statusCode(200)
                .body("outcome", equalTo("created"))
                .body("imported", equalTo(4))
                .body("head.seq", equalTo(4));

        assertThat(export(project)).isEqualTo(exported);
        given().queryParam("project", project).when().get("/v1/devstate/state")
                .then().body("checksum", equalTo(stateChecksum)).body("version", equalTo(2));
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(4));
        given().queryParam("project", project).when().get("/v1/devstate/history/2")
                .then().body("tombstoned_by", equalTo(4));
    }

    @Test
    void importResumesFromADatabasePrefixAndIsANoOpWhenIdentical() {
        String project = projectWithWork("resume");
        Map<String, String> early = export(project);
        append(project, "agent", "later", null);
        putState(project, validState("CP3-LC"));
        Map<String, String> late = export(project);
        wipe(project);

        importFiles(project, early).statusCode(200).body("outcome", equalTo("created"));
        importFiles(project, late).statusCode(200)
                .body("outcome", equalTo("appended"))
                .body("imported", equalTo(2))
                .body("head.seq", equalTo(6));
        importFiles(project, late).statusCode(200)
                .body("outcome", equalTo("unchanged"))
                .body("imported", equalTo(0));

        assertThat(export(project)).isEqualTo(late);
        importFiles(project, early).statusCode(409)
                .contentType("application/problem+json")
                .body("seq", equalTo(5));
    }

    @Test
    void divergedChainsAre409NamingTheFirstDifferentSeqAndWriteNothing() {
        String project = projectWithWork("diverge");
        Map<String, String> common = export(project);
        append(project, "agent", "ours", null);
        Map<String, String> ours = export(project);
        wipe(project);
        importFiles(project, common).statusCode(200);
        append(project, "someone-else", "theirs", null);
        Map<String, String> before = export(project);

        importFiles(project, ours).statusCode(409)
                .contentType("application/problem+json")
                .body("seq", equalTo(5));

        assertThat(export(project)).isEqualTo(before);
    }

    @Test
    void tamperedEntryIs422NamingItAndWritesNothing() {
        String project = projectWithWork("forged");
        Map<String, String> exported = export(project);
        wipe(project);
        Map<String, String> forged = new HashMap<>(exported);
        forged.put(HISTORY_FILE, exported.get(HISTORY_FILE).replace("\"actor\": \"agent\"", "\"actor\": \"mallory\""));

        importFiles(project, forged).statusCode(422)
                .contentType("application/problem+json")
                .body("seq", equalTo(2))
                .body("reason", equalTo("hmac_mismatch"));

        given().queryParam("project", project).when().get("/v1/devstate/export").then().statusCode(404);
    }

    @Test
    void filesOfAnotherProjectAre422() {
        String project = projectWithWork("origin");
        Map<String, String> exported = export(project);

        importFiles(newProject("target"), exported).statusCode(422).body("field", equalTo("project"));
        Map<String, String> renamed = new HashMap<>(exported);
        String target = newProject("renamed");
        renamed.put(HISTORY_FILE, exported.get(HISTORY_FILE).replace("\"project\": \"" + project + "\"",
                "\"project\": \"" + target + "\""));
        importFiles(target, renamed).statusCode(422).body("seq", equalTo(1));
        given().queryParam("project", target).when().get("/v1/devstate/export").then().statusCode(404);
    }

    @Test
    void stateThatDoesNotMatchTheHistoryIs422() {
        String project = projectWithWork("state-mismatch");
        Map<String, String> exported = export(project);
        wipe(project);

        Map<String, String> edited = new HashMap<>(exported);
        edited.put(STATE_FILE, exported.get(STATE_FILE).replace("CP2-LC", "CP9-LC"));
        importFiles(project, edited).statusCode(422).body("seq", equalTo(3));

        Map<String, String> invalid = new HashMap<>(exported);
        invalid.put(STATE_FILE, "{\"current_cp\": 5}\n");
        importFiles(project, invalid).statusCode(422).body("errors.size()", org.hamcrest.Matchers.greaterThan(0));

        Map<String, String> missing = new HashMap<>(exported);
        missing.remove(STATE_FILE);
        importFiles(project, missing).statusCode(422);

        given().queryParam("project", project).when().get("/v1/devstate/export").then().statusCode(404);
    }

    @Test
    void malformedImportBodies() {
        String project = newProject("malformed");
        importFiles(project, Map.of()).statusCode(422);
        importFiles(project, Map.of(HISTORY_FILE, "{not json")).statusCode(422)
                .body("detail", startsWith(".trae/history.json is not valid JSON"));
        importFiles(project, Map.of("../../etc/passwd", "x")).statusCode(422);
        given().contentType(ContentType.JSON).queryParam("project", project).body("{\"files\": 5}")
                .when().post("/v1/devstate/import").then().statusCode(400);
    }
}
