package io.devstate.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;
import java.util.Optional;

/**
 * Typed DevState settings. Each default is written once, in application.properties, where the
 * environment variable is mapped (the README's table is checked against it): none here.
 */
@ConfigMapping(prefix = "devstate")
public interface DevStateConfig {

    Hmac hmac();

    State state();

    Http http();

    Locks locks();

    Security security();

    RateLimit rateLimit();

    Audit audit();

    Chain chain();

    Database database();

    Idempotency idempotency();

    Mcp mcp();

    Metrics metrics();

    Log log();

    Events events();

    interface Events {
        /** Time between heartbeat comments on an open change feed (proxies close silent streams). */
        java.time.Duration heartbeat();

        /** Events a subscriber may have outstanding before it is disconnected as too slow. */
        int maxBuffered();

        /** Open change feeds per principal on this replica. */
        int maxPerPrincipal();
    }

    interface Log {
        /**
         * The log's name; a project's checkpoints have origin {@code <name>/<project>}. Used when no
         * log key is configured (a configured key carries its own name).
         */
        String name();

        /** DEVSTATE_LOG_KEY: the checkpoint signing key, a note signer key. Absent: a dev-only key, loudly. */
        Optional<String> key();

        /** DEVSTATE_LOG_KEY_FILE: a file holding the signer key (e.g. a mounted secret). */
        Optional<String> keyFile();
    }

    interface Metrics {
        /**
         * How many projects get series of their own ({@code project} label); project names come from
         * clients, so later ones share {@code project="_other"} and the series count stays bounded.
         */
        int maxProjectLabels();
    }

    interface Hmac {
        /** The single-key keyring's secret (HMAC_SECRET). Absent: a dev-only key, loudly. */
        Optional<String> secret();

        /** Key id recorded in every entry signed with {@link #secret()}. */
        String kid();

        /** Several keys, {@code kid:secret,kid:secret} (DEVSTATE_HMAC_KEYS). */
        Optional<String> keys();

        /** A file with one {@code kid:secret} per line (DEVSTATE_HMAC_KEYS_FILE, e.g. a mounted secret). */
        Optional<String> keysFile();
    }

    interface State {
        /** File path of the state JSON Schema; absent: the bundled docs/STATE.schema.json. */
        Optional<String> schemaPath();

        /**
         * A replica serves a cached state only while its notification channel was confirmed live
         * this recently; a cached state never misses a write committed longer ago than this.
         */
        Duration cacheStalenessBound();

        /** Most projects whose current state a replica keeps in memory. */
        int cacheMaxProjects();
    }

    interface Http {
        /** Largest accepted request body, in bytes. */
        long maxBodyBytes();

        /** Largest accepted import body: a whole exported chain travels in it. */
        long maxImportBytes();

        /**
         * Longest a request body may take to arrive once its headers are in; past it 408 and the
         * connection is closed (a client sending a byte now and then would hold it open for ever).
         */
        Duration bodyTimeout();

        /**
         * Host names (and {@code Origin} hosts) requests may name (DEVSTATE_ALLOWED_HOSTS); a
         * leading dot allows subdomains, {@code *} any host. Absent: localhost names and IP
         * literals in open mode (no tokens), any host with tokens.
         */
        Optional<java.util.List<String>> allowedHosts();

        /** Longest request target (path and query) in bytes; longer is 414. */
        int maxUrlBytes();

        /** Largest sum of request header names and values in bytes; larger is 431. */
        int maxHeaderBytes();
    }

    interface Security {
        /** DEVSTATE_API_TOKEN: the token of the built-in {@code admin} principal. */
        Optional<String> apiToken();

        /** DEVSTATE_TOKENS_FILE: lines {@code <name> <role> <sha256-hex-of-token>}. */
        Optional<String> tokensFile();

        /** DEVSTATE_PROTECT_READS: reads need at least the viewer role (when tokens are configured). */
        boolean protectReads();
    }

    interface RateLimit {
        boolean enabled();

        /** Requests per minute and principal (client IP when anonymous) on mutating routes. */
        long mutatingPerMinute();

        /** Requests per minute and principal on verify. */
        long verifyPerMinute();

        /** Change feeds opened per minute and principal (reconnects included). */
        long subscribePerMinute();
    }

    interface Audit {
        /** Metadata keys whose values are stored as {@code [MASKED]} (case-insensitive, at any depth). */
        java.util.List<String> maskedKeys();
    }

    interface Chain {
        /**
         * Most writes (appends, state updates) of one project committed in one group transaction;
         * 1 commits every write on its own.
         */
        int maxBatch();
    }

    interface Locks {
        /** How often expired locks are removed (expired locks are ignored before that anyway). */
        Duration cleanupInterval();
    }

    interface Database {
        /** Longest wait for a pooled connection (opening one included). */
        Duration acquireTimeout();

        /**
         * Longest a request's transaction or query (or one page of a verify or export) may take,
         * queueing for its project's chain included; also the server's statement_timeout.
         */
        Duration requestTimeout();

        /**
         * Longest an import's transaction may take (checking the file against the chain and
         * inserting what it adds), queueing for its project's chain included. Keep it below
         * {@code quarkus.http.idle-timeout}: the connection is silent while the import runs.
         */
        Duration importTimeout();

        /** Longest the readiness probe waits for the database before it answers DOWN. */
        Duration healthTimeout();
    }

    interface Idempotency {
        /** How long the result of a write with an Idempotency-Key is kept for its retries. */
        Duration ttl();
    }

    interface Mcp {
        /**
         * Largest export (characters of file text) the {@code export_files} tool returns in its
         * message; a larger one is answered with a link to the streamed HTTP export.
         */
        long maxExportChars();
    }
}
