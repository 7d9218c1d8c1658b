package io.devstate.database;

import io.devstate.config.DevStateConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

import org.jboss.logging.Logger;

/**
 * The one way to the database: every transaction and every query a request makes goes through
 * here, so each has a deadline ({@code devstate.database.request-timeout}) and a database that
 * cannot be reached becomes {@link Unavailable} (503 with {@code Retry-After}), counted and logged
 * once per outage by {@link DatabaseAvailability}, instead of a hang or a 500 per request.
 *
 * <p>A deadline ends the wait, not the statement: a transaction that the server resumes after a
 * stall may still commit after its caller was answered 503. That is what {@code Idempotency-Key}
 * is for. The server-side {@code statement_timeout} bounds what a live server spends on it.
 */
@ApplicationScoped
public class Database {

    /** Soon enough to ride out a restart, late enough that refused clients do not storm a recovering server. */
    static final long RETRY_AFTER_SECONDS = 2;

    private static final Logger LOG = Logger.getLogger(Database.class);

    private final Pool pool;
    private final DatabaseAvailability availability;
    private final Deadline requestDeadline;

    public Database(Pool pool, DatabaseAvailability availability, DevStateConfig config) {
        this.pool = pool;
        this.availability = availability;
        this.requestDeadline = Deadline.request(config.database().requestTimeout());
    }

    // Both: the pool gives a connection back when the work's Uni ends, so work that throws instead
    // of returning one kept it for good (twenty lock ids that are no UUID emptied the pool and every
    // later request was a 503). Deferred, a throw is a failed Uni and the connection goes back.

    /** {@code work} in one transaction, committed when its item arrives, rolled back on failure. */
    public <T> Uni<T> transaction(Function<SqlConnection, Uni<T>> work) {
        return transaction(work, requestDeadline);
    }

    /** A transaction that may take longer than a request's (an import's), under its own deadline. */
    public <T> Uni<T> transaction(Function<SqlConnection, Uni<T>> work, Deadline deadline) {
        return bounded(pool.withTransaction(connection -> Uni.createFrom().deferred(() -> work.apply(quiet(connection)))),
                deadline);
    }

    /**
     * {@code work} on one pooled connection, outside a transaction. Not {@code pool.query()}: the
     * pool's one-shot queries leave their connection-timeout timer running when no connection can
     * be had, and it then fails an answered promise ("Result is already complete", an uncaught
     * error per refused query; vertx-sql-client issue 1706).
     */
    public <T> Uni<T> read(Function<SqlClient, Uni<T>> work) {
        return bounded(pool.withConnection(connection -> Uni.createFrom().deferred(() -> work.apply(quiet(connection)))));
    }

    /**
     * A connection's failure also fails the statement that was running on it, which is where it
     * is handled; without a handler of its own the connection would also print it to stderr.
     */
    public static SqlConnection quiet(SqlConnection connection) {
        return connection.exceptionHandler(failure -> LOG.debugf("database connection failed: %s", failure.getMessage()));
    }

    /** One step of a longer walk (a page of verify or export) gets its own deadline. */
    public <T> Uni<T> bounded(Uni<T> step) {
        return bounded(step, requestDeadline);
    }

    public <T> Uni<T> bounded(Uni<T> step, Deadline deadline) {
        return step
                .ifNoItem().after(deadline.after()).failWith(() -> new Unavailable(deadline.detail(), RETRY_AFTER_SECONDS))
                .onItem().invoke(availability::answered)
                .onFailure().transform(this::classify);
    }

    private Throwable classify(Throwable failure) {
        if (!DatabaseFailures.isUnavailable(failure)) {
            return failure;
        }
        availability.refused(failure);
        return failure instanceof Unavailable ? failure : Unavailable.unreachable();
    }

    /** The deadline of a request's transaction or query ({@code devstate.database.request-timeout}). */
    public Deadline requestDeadline() {
        return requestDeadline;
    }
}
