package io.devstate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseUrlConfigSourceTest {

    @Test
    void databaseUrlDrivesReactivePoolAndFlyway() {
        Map<String, String> derived = DatabaseUrlConfigSource.derive("postgres://app:s%40cret@db.local:6543/devstate", null);

        assertThat(derived)
                .containsEntry("quarkus.datasource.reactive.url", "postgresql://db.local:6543/devstate")
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.local:6543/devstate")
                .containsEntry("quarkus.datasource.username", "app")
                .containsEntry("quarkus.datasource.password", "s@cret");
    }

    @Test
    void defaultPortAndSchema() {
        Map<String, String> derived = DatabaseUrlConfigSource.derive("postgresql://app@db/devstate", "audit");

        assertThat(derived)
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/devstate")
                .containsEntry("quarkus.flyway.schemas", "audit")
                .containsEntry("quarkus.datasource.reactive.additional-properties.search_path", "audit")
                .doesNotContainKey("quarkus.datasource.password");
    }

    @Test
    void nothingWhenUnset() {
        assertThat(DatabaseUrlConfigSource.derive(null, null)).isEmpty();
    }

    @Test
    void refusesOtherSchemes() {
        assertThatThrownBy(() -> DatabaseUrlConfigSource.derive("mysql://x/y", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedUrlIsRefusedWithoutEchoingItsPassword() {
        assertThatThrownBy(() -> DatabaseUrlConfigSource.derive("postgres://app:pa ss-w0rd-7f3@db/devstate", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres://***@db/devstate")
                .hasMessageNotContaining("pa ss-w0rd-7f3");
        assertThatThrownBy(() -> DatabaseUrlConfigSource.derive("postgres://app:s3cr#et@db/devstate", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("percent-encode")
                .hasMessageNotContaining("s3cr");
    }
}
