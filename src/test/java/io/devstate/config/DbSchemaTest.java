package io.devstate.config;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.validState;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.LocalPostgres;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With DB_SCHEMA, migrations and every query use that schema (settings as DatabaseUrlConfigSource derives them). */
@QuarkusTest
@TestProfile(DbSchemaTest.OwnSchema.class)
@WithTestResource(PostgresResource.class)
class DbSchemaTest {

    static final String SCHEMA = "devstate_audit";

    public static class OwnSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return DatabaseUrlConfigSource.derive(null, SCHEMA);
        }
    }

    @Test
    void tablesAndWritesLiveInTheConfiguredSchema() throws SQLException {
        String project = newProject("schema");
        putState(project, validState("CP1-LC"));

        try (Connection connection = LocalPostgres.shared().superuserConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + SCHEMA
                        + ".history_entries where project = '" + project + "'")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }
}
