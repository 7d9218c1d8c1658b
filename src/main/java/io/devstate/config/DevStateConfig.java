package io.devstate.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed DevState settings; environment variables are mapped in application.properties. */
@ConfigMapping(prefix = "devstate")
public interface DevStateConfig {

    Hmac hmac();

    State state();

    Http http();

    Locks locks();

    interface Hmac {
        /** The single-key keyring's secret (HMAC_SECRET). Absent: a dev-only key, loudly. */
        Optional<String> secret();

        /** Key id recorded in every entry signed with {@link #secret()}. */
        @WithDefault("k1")
        String kid();
    }

    interface State {
        /** File path of the state JSON Schema; absent: the bundled docs/STATE.schema.json. */
        Optional<String> schemaPath();
    }

    interface Http {
        /** Largest accepted request body, in bytes. */
        @WithDefault("1048576")
        long maxBodyBytes();

        /** Largest accepted import body: a whole exported chain travels in it. */
        @WithDefault("67108864")
        long maxImportBytes();
    }

    interface Locks {
        /** How often expired locks are removed (expired locks are ignored before that anyway). */
        @WithDefault("30s")
        Duration cleanupInterval();
    }
}
