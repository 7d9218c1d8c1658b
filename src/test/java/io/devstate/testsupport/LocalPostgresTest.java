package io.devstate.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void sharedAnswersSelectOneAsDevstate() throws SQLException {
        LocalPostgres pg = LocalPostgres.shared();
        assertEquals("jdbc:postgresql://127.0.0.1:" + pg.port() + "/devstate", pg.jdbcUrl());
        assertEquals("postgresql://127.0.0.1:" + pg.port() + "/devstate", pg.reactiveUrl());
        assertEquals("postgres://devstate:devstate@127.0.0.1:" + pg.port() + "/devstate", pg.databaseUrl());
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            assertEquals(1, single(s, "select 1"));
            assertEquals("devstate", singleString(s, "select current_user"));
            assertEquals("devstate", singleString(s, "select current_database()"));
            assertEquals("devstate", singleString(s,
                    "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"));
            assertEquals("UTF8", singleString(s, "show server_encoding"));
            assertEquals("127.0.0.1", singleString(s, "show listen_addresses"));
            assertEquals("200", singleString(s, "show max_connections"));
            assertEquals("off", singleString(s, "show fsync"));
            // the owner can create objects in its database
            s.execute("create table if not exists lp_owner_check (id int)");
            s.execute("drop table lp_owner_check");
        }
    }

    @Test
    void devstateIsNotSuperuser() throws SQLException {
        LocalPostgres pg = LocalPostgres.shared();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            assertEquals("off", singleString(s, "show is_superuser"));
            try (ResultSet rs = s.executeQuery("select rolsuper, rolcreaterole from pg_roles where rolname = 'devstate'")) {
                assertTrue(rs.next());
                assertFalse(rs.getBoolean(1));
                assertFalse(rs.getBoolean(2));
            }
            assertThrows(SQLException.class, () -> s.execute("set session_replication_role = replica"));
        }
    }

    @Test
    void superuserConnectionWorks() throws SQLException {
        LocalPostgres pg = LocalPostgres.shared();
        try (Connection c = pg.superuserConnection(); Statement s = c.createStatement()) {
            assertEquals("on", singleString(s, "show is_superuser"));
            assertEquals("devstate", singleString(s, "select current_database()"));
            // what tamper tests need: writes that bypass triggers
            s.execute("set session_replication_role = replica");
            s.execute("reset session_replication_role");
        }
    }

    @Test
    void stopThenStartKeepsPortAndData() throws SQLException {
        LocalPostgres pg = LocalPostgres.shared();
        int port = pg.port();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            s.execute("drop table if exists lp_restart_check");
            s.execute("create table lp_restart_check (v int)");
            s.execute("insert into lp_restart_check values (42)");
        }

        pg.stop();
        try {
            assertFalse(pg.isRunning());
            assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password()).close());
        } finally {
            pg.start();
        }

        assertTrue(pg.isRunning());
        assertEquals(port, pg.port());
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                Statement s = c.createStatement()) {
            assertEquals(42, single(s, "select v from lp_restart_check"));
            s.execute("drop table lp_restart_check");
        }
    }

    private static int single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getInt(1);
        }
    }

    private static String singleString(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }
}
