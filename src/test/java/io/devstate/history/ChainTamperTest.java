package io.devstate.history;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.asOwner;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.tamper;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainHead;
import io.devstate.chain.ChainSigner;
import io.devstate.chain.EntryDraft;
import io.devstate.common.Json;
import io.devstate.common.Timestamps;
import io.devstate.testsupport.LocalPostgres;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

import org.junit.jupiter.api.Test;

/** Tampering done as a database superuser with the triggers disabled is found at the right seq. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ChainTamperTest {

    @Inject
    ChainSigner signer;

    private static String chainOf(int length) {
        String project = newProject("tamper");
        for (int i = 1; i <= length; i++) {
            append(project, "agent", "step", "{\"i\":" + i + "}");
        }
        return project;
    }

    private static ValidatableResponse verify(String project) {
        return given().queryParam("project", project).when().get("/v1/devstate/verify").then().statusCode(200);
    }

    @Test
    void intactChainVerifies() {
        String project = chainOf(5);
        verify(project).body("ok", equalTo(true))
                .body("verified", equalTo(5))
                .body("head.seq", equalTo(5))
                .body("failure", nullValue());
    }

    @Test
    void emptyProjectVerifiesTrivially() {
        verify(newProject("empty")).body("ok", equalTo(true)).body("verified", equalTo(0)).body("head", nullValue());
    }

    @Test
    void changedFieldIsAnHmacMismatchAtItsSeq() {
        String project = chainOf(5);
        tamper("update history_entries set actor = 'mallory' where project = '" + project + "' and seq = 3");
        verify(project).body("ok", equalTo(false))
                .body("verified", equalTo(2))
                .body("failure.seq", equalTo(3))
                .body("failure.reason", equalTo("hmac_mismatch"))
                .body("failure.expected", nullValue());
    }

    @Test
    void changedMetadataIsFound() {
        String project = chainOf(4);
        tamper("update history_entries set metadata = '{\"i\": 99}' where project = '" + project + "' and seq = 2");
        verify(project).body("failure.seq", equalTo(2)).body("failure.reason", equalTo("hmac_mismatch"));
    }

    @Test
    void deletedMiddleRowIsASeqGap() {
        String project = chainOf(5);
        tamper("delete from history_entries where project = '" + project + "' and seq = 3");
        verify(project).body("ok", equalTo(false))
                .body("failure.seq", equalTo(3))
                .body("failure.reason", equalTo("seq_gap"))
                .body("failure.expected", equalTo("3"))
                .body("failure.actual", equalTo("4"));
    }

    @Test
    void swappedRowsBreakTheLinkAtTheFirstSwappedSeq() {
        String project = chainOf(5);
        tamper("update history_entries set seq = 1000000 where project = '" + project + "' and seq = 2",
                "update history_entries set seq = 2 where project = '" + project + "' and seq = 3",
                "update history_entries set seq = 3 where project = '" + project + "' and seq = 1000000");
        verify(project).body("ok", equalTo(false))
                .body("failure.seq", equalTo(2))
                .body("failure.reason", equalTo("prev_mismatch"));
    }

    @Test
    void unknownKidIsReportedAtItsSeq() {
        String project = chainOf(4);
        tamper("update history_entries set kid = 'k9' where project = '" + project + "' and seq = 4");
        verify(project).body("failure.seq", equalTo(4))
                .body("failure.reason", equalTo("unknown_kid"))
                .body("failure.actual", equalTo("k9"));
    }

    @Test
    void verifyFromAndLimitWalkAWindow() {
        String project = chainOf(6);
        given().queryParam("project", project).queryParam("from", 3).queryParam("limit", 2)
                .when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(2)).body("head.seq", equalTo(4));
        tamper("update history_entries set actor = 'x' where project = '" + project + "' and seq = 6");
        given().queryParam("project", project).queryParam("from", 5)
                .when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(false)).body("failure.seq", equalTo(6));
        given().queryParam("from", "zero").when().get("/v1/devstate/verify").then().statusCode(400);
    }

    /** A chain written straight into the table (much faster than the API), metadata on every entry. */
    private String bulkChain(String prefix, int length) throws Exception {
        String project = newProject(prefix);
        ChainHead head = ChainHead.GENESIS;
        try (Connection connection = DriverManager.getConnection(LocalPostgres.shared().jdbcUrl(),
                LocalPostgres.shared().username(), LocalPostgres.shared().password());
                PreparedStatement insert = connection.prepareStatement("insert into history_entries (project, seq, ts, "
                        + "actor, action, metadata, kid, hmac_prev, hmac) "
                        + "values (?, ?, ?::timestamptz, ?, ?, ?::jsonb, ?, ?, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < length; i++) {
                JsonNode metadata = Json.normalise(Json.parse("{\"i\":" + i + ",\"x\":1.50,\"s\":\"\u00e9\\n\"}", "m"));
                ChainEntry entry = signer.signNext(head, project, Timestamps.format(Timestamps.now()),
                        new EntryDraft("bulk", "note", null, null, null, metadata, null), "k1");
                insert.setString(1, project);
                insert.setLong(2, entry.seq());
                insert.setString(3, entry.ts());
                insert.setString(4, entry.actor());
                insert.setString(5, entry.action());
                insert.setString(6, Json.compact(metadata));
                insert.setString(7, entry.kid());
                insert.setString(8, entry.hmacPrev());
                insert.setString(9, entry.hmac());
                insert.addBatch();
                head = new ChainHead(entry.seq(), entry.hmac());
            }
            insert.executeBatch();
            connection.commit();
        }
        return project;
    }

    private static void setActor(String project, long seq, String actor) {
        tamper("update history_entries set actor = '" + actor + "' where project = '" + project + "' and seq = " + seq);
    }

    @Test
    void verifyWalksPastOnePage() throws Exception {
        int length = VerifyService.PAGE_SIZE + 5;
        String project = bulkChain("long", length);
        verify(project).body("ok", equalTo(true)).body("verified", equalTo(length)).body("head.seq", equalTo(length));

        long target = VerifyService.PAGE_SIZE + 3;
        setActor(project, target, "x");
        verify(project).body("ok", equalTo(false))
                .body("verified", equalTo((int) target - 1))
                .body("failure.seq", equalTo((int) target));
    }

    @Test
    void breaksAroundPageBoundariesAreFoundAtTheirSeqWhileTheNextPageIsInFlight() throws Exception {
        int page = VerifyService.PAGE_SIZE;
        String project = bulkChain("pages", 2 * page + 5);
        // First page (the second is already requested), both sides of each boundary, last page.
        for (long target : new long[] {10, page, page + 1, 2L * page, 2L * page + 1, 2L * page + 5}) {
            setActor(project, target, "x");
            verify(project).body("ok", equalTo(false))
                    .body("verified", equalTo((int) target - 1))
                    .body("failure.seq", equalTo((int) target))
                    .body("failure.reason", equalTo("hmac_mismatch"));
            setActor(project, target, "bulk");
        }
        verify(project).body("ok", equalTo(true)).body("verified", equalTo(2 * page + 5));

        tamper("delete from history_entries where project = '" + project + "' and seq = " + (page + 1));
        verify(project).body("ok", equalTo(false))
                .body("verified", equalTo(page))
                .body("failure.seq", equalTo(page + 1))
                .body("failure.reason", equalTo("seq_gap"));
    }

    @Test
    void windowsAcrossPageBoundariesVerifyExactlyTheirLimit() throws Exception {
        int page = VerifyService.PAGE_SIZE;
        String project = bulkChain("window", 2 * page + 5);
        given().queryParam("project", project).queryParam("from", page - 1).queryParam("limit", page + 3)
                .when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(page + 3))
                .body("head.seq", equalTo(2 * page + 1));
        given().queryParam("project", project).queryParam("limit", page)
                .when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(page)).body("head.seq", equalTo(page));
        given().queryParam("project", project).queryParam("from", 2 * page)
                .when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(6)).body("head.seq", equalTo(2 * page + 5));
    }

    @Test
    void metadataSignedFromItsTreeVerifiesFromItsStoredText() {
        // Numbers and strings whose jsonb text differs from their JCS form; verify canonicalises the text.
        String project = newProject("metadata");
        append(project, "agent", "step", "{\"n\":1.50,\"big\":1E21,\"tiny\":1e-7,\"neg\":-0,"
                + "\"huge\":12345678901234567890,\"s\":\"\u00e9\\u0001\\\"\\\\\\n\","
                + "\"nested\":{\"b\":[1,{\"z\":null,\"a\":true}],\"a\":{}}}");
        append(project, "agent", "step", null);
        verify(project).body("ok", equalTo(true)).body("verified", equalTo(2));
        tamper("update history_entries set metadata = '{\"n\": 1.51}' where project = '" + project + "' and seq = 1");
        verify(project).body("failure.seq", equalTo(1)).body("failure.reason", equalTo("hmac_mismatch"));
    }

    @Test
    void triggersRejectUpdateDeleteAndBrokenInserts() {
        String project = chainOf(2);
        for (String sql : new String[] {
            "update history_entries set actor = 'x' where project = '" + project + "'",
            "delete from history_entries where project = '" + project + "'",
            "truncate history_entries",
            "insert into history_entries (project, seq, ts, actor, action, kid, hmac_prev, hmac) "
                    + "values ('" + project + "', 4, now(), 'a', 'b', 'k1', 'x', 'y')",
            "insert into history_entries (project, seq, ts, actor, action, kid, hmac_prev, hmac) "
                    + "values ('" + project + "', 3, now(), 'a', 'b', 'k1', 'wrong', 'y')" }) {
            assertThatThrownBy(() -> asOwner(sql))
                    .hasMessageContaining("history");
        }
        verify(project).body("ok", equalTo(true)).body("verified", equalTo(2));
    }
}
