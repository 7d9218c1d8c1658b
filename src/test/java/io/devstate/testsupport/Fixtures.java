package io.devstate.testsupport;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Small fixtures built in code; every test works in a project of its own. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String newProject(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String validState(String cp) {
        return """
                {"project":"demo","version":"1.0.0","current_cp":"%s","no_drift":true,"agents":[],
                 "artifact_checksums":[],"updated_at":"2026-11-25T10:00:00Z"}""".formatted(cp);
    }

    public static ValidatableResponse append(String project, String actor, String action, String metadataJson) {
        String body = "{\"actor\":\"%s\",\"action\":\"%s\"%s}".formatted(actor, action,
                metadataJson == null ? "" : ",\"metadata\":" + metadataJson);
        return given().contentType(ContentType.JSON).queryParam("project", project).body(body)
                .when().post("/v1/devstate/history")
                .then().statusCode(201);
    }

    public static ValidatableResponse putState(String project, String document) {
        return given().contentType(ContentType.JSON).queryParam("project", project).body(document)
                .when().put("/v1/devstate/state")
                .then().statusCode(200);
    }

    /** Runs SQL as the superuser with triggers off: how an attacker with database access would tamper. */
    public static void tamper(String... statements) {
        try (Connection connection = LocalPostgres.shared().superuserConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("tampering failed", e);
        }
    }

    /**
     * {@code count} entries written directly, triggers off, each with about {@code detailBytes} of
     * metadata: for tests of volume (export reads no hmac; signed appends would take minutes). The
     * hmacs are placeholders, so such a chain does not verify.
     */
    public static void unsignedEntries(String project, int count, int detailBytes) {
        tamper("insert into history_entries (project, seq, ts, actor, action, metadata, kid, hmac_prev, hmac) "
                + "select '" + project + "', g, now(), 'agent-' || (g % 7), 'note', "
                + "jsonb_build_object('i', g, 'detail', repeat('x', " + detailBytes + ")), 'k1', "
                + "lpad(to_hex(g - 1), 64, '0'), lpad(to_hex(g), 64, '0') from generate_series(1, " + count + ") g");
    }

    /** Runs SQL as the application's own database role, triggers active. */
    public static void asOwner(String sql) throws SQLException {
        LocalPostgres db = LocalPostgres.shared();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** In how many transactions the project's history entries were written (rows of one share their xmin). */
    public static int transactionsOf(String project) {
        try (Connection connection = LocalPostgres.shared().connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(distinct xmin::text) from history_entries "
                        + "where project = '" + project + "'")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting transactions failed", e);
        }
    }

    /** Removes a project entirely, as if it were imported into an empty database. */
    public static void wipe(String project) {
        tamper("delete from history_entries where project = '" + project + "'",
                "delete from log_tiles where project = '" + project + "'",
                "delete from log_heads where project = '" + project + "'",
                "delete from log_leaves where project = '" + project + "'",
                "delete from state_current where project = '" + project + "'",
                "delete from locks where project = '" + project + "'",
                // Cached reads of the project must not outlive it (what a state write announces).
                "select pg_notify('devstate_state', '" + project + "')");
    }
}
