package io.devstate.chain;

import io.devstate.chain.ChainQueue.Outcome;
import io.devstate.common.DevStateException;
import io.devstate.config.DevStateConfig;
import io.devstate.database.Database;
import io.devstate.database.Deadline;
import io.devstate.metrics.DevStateMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Group commit for a project's chain. One commit per append caps a chain at what PostgreSQL can
 * commit one after the other; so while a transaction of a project is in flight, the writes that
 * arrive for it wait, and when it ends the waiting ones (up to {@code devstate.chain.max-batch})
 * run together in one transaction: advisory lock, active kid and head once, then each job in
 * arrival order, the entries inserted in one batch, the commit — and only then does each caller
 * get its own result. A caller whose job refuses (see {@link ChainJob}) fails alone; if the
 * transaction fails, every caller of the batch fails, so a success always means committed.
 *
 * <p>The waiting and batching is {@link ChainQueue}'s; this class is the batch: the transaction,
 * the jobs, and the delivery of each result on its caller's context.
 *
 * <p>This is the one way to write a chain: appends, state updates, tombstones, key rotations and
 * imports are all jobs, and this class alone takes the advisory lock that keeps other replicas'
 * batches of the project in order.
 */
@ApplicationScoped
public class ChainWriter {

    /** Where every commit that appended entries is announced (the change feed listens). */
    public static final String CHANGES_CHANNEL = "devstate_chain";

    /** Entries read at a time when a log catches up with its chain. */
    private static final int CATCH_UP_PAGE = 1000;
    /** At most ~16 KiB each (two levels of partial tiles): a few MiB for the projects written most recently. */
    private static final int RECENT_EDGES = 256;

    private final Database database;
    private final ChainStore store;
    private final LogStore logStore;
    private final ActiveKeys activeKeys;
    private final ChainSigner signer;
    private final ChainAnnouncements announcements;
    private final AuditMetadata audit;
    private final DevStateMetrics metrics;
    private final ChainQueue<Waiting<?>, Object> queue;
    /** The trees' edges as this replica last committed them, for its most recently written projects. */
    private final RecentEdges edges = new RecentEdges(RECENT_EDGES);

    ChainWriter(Database database, ChainStore store, LogStore logStore, ActiveKeys activeKeys, ChainSigner signer,
            AuditMetadata audit, ChainAnnouncements announcements, DevStateMetrics metrics, DevStateConfig config) {
        this.database = database;
        this.announcements = announcements;
        this.store = store;
        this.logStore = logStore;
        this.activeKeys = activeKeys;
        this.signer = signer;
        this.audit = audit;
        this.metrics = metrics;
        this.queue = new ChainQueue<>(config.chain().maxBatch(), this::run);
    }

    /**
     * Runs the job in the next group transaction of the project; the item arrives once that
     * committed. The wait, queueing behind the project's transaction in flight included, has the
     * request deadline; a caller that stopped waiting before its batch started is left out of it.
     */
    public <T> Uni<T> submit(String project, ChainJob<T> job) {
        return submit(project, job, database.requestDeadline());
    }

    /**
     * A job that may take longer than a request (an import of a long history): the wait and its
     * batch's transaction have {@code deadline} instead of the request deadline. The writes that
     * queue behind it keep their own, shorter one.
     */
    public <T> Uni<T> submit(String project, ChainJob<T> job, Deadline deadline) {
        return database.bounded(Uni.createFrom().emitter(emitter -> {
            Waiting<T> waiting = new Waiting<>(job, deadline, emitter, Vertx.currentContext());
            CompletableFuture<Object> result = queue.submit(project, waiting);
            // Cancelling takes the job back while it waits; once its batch started it no longer matters.
            emitter.onTermination(() -> result.cancel(false));
            result.whenComplete((ignored, failure) -> waiting.settle(failure));
        }), deadline);
    }

    /** How many writes of the project wait for its next transaction (for diagnostics and tests). */
    public int waiting(String project) {
        return queue.waiting(project);
    }

    /** One batch: its transaction committed when the stage completes, with each job's outcome. */
    private CompletionStage<List<Outcome<Object>>> run(String project, List<Waiting<?>> batch) {
        return database.transaction(tx -> open(tx, project)
                .call(open -> runJobs(open, batch))
                .call(this::insert), deadline(batch))
                .invoke(open -> edges.put(project, open.log()))
                .invoke(open -> open.afterCommitSteps().forEach(Runnable::run))
                .invoke(() -> metrics.chainCommitted(batch.size()))
                .map(committed -> batch.stream().map(Waiting::outcome).toList())
                .subscribeAsCompletionStage();
    }

    /** A batch may take as long as its most patient job waits: an import's batch gets the import's deadline. */
    private Deadline deadline(List<Waiting<?>> batch) {
        Deadline longest = database.requestDeadline();
        for (Waiting<?> waiting : batch) {
            longest = longest.orLater(waiting.deadline);
        }
        return longest;
    }

    /**
     * One round trip: the connection pipelines the three statements and PostgreSQL runs them in
     * order, so the kid and the head are read under the lock.
     */
    private Uni<ChainBatch> open(SqlConnection tx, String project) {
        return Uni.combine().all().unis(store.lockChain(tx, project), activeKeys.signingKid(tx),
                store.head(tx, project), logStore.head(tx, project)).asTuple()
                .chain(opened -> edge(tx, project, opened.getItem4())
                        .map(edge -> new ChainBatch(tx, project, opened.getItem2(), opened.getItem3(), edge, store,
                                signer, audit)))
                .call(this::catchUpLog);
    }

    /**
     * The tree's edge as committed: this replica's copy when the stored size and root are still
     * its own (no other replica wrote the project since), else read. A batch grows a copy, so a
     * batch that fails leaves the cached edge as it was.
     */
    private Uni<TreeTiles> edge(SqlConnection tx, String project, LogStore.Head head) {
        TreeTiles cached = edges.get(project);
        if (cached != null && head.describes(cached)) {
            return Uni.createFrom().item(cached.copy());
        }
        return logStore.edge(tx, project);
    }

    /**
     * A chain written before its project had a log (or by hand) has more entries than leaves: they
     * are added here, a page at a time, before the jobs run. A log with more leaves than the chain
     * has entries means entries were removed, which no job may build on.
     */
    private Uni<Void> catchUpLog(ChainBatch batch) {
        long leaves = batch.log().size();
        long entries = batch.head().seq();
        if (leaves == entries) {
            return Uni.createFrom().voidItem();
        }
        if (leaves > entries) {
            return Uni.createFrom().failure(new IllegalStateException("the log of " + batch.project() + " has " + leaves
                    + " leaves but its chain only " + entries + " entries: entries were removed"));
        }
        return store.range(batch.tx(), batch.project(), leaves, entries, CATCH_UP_PAGE)
                .invoke(batch::addLeaves)
                .chain(() -> catchUpLog(batch));
    }

    private Uni<Void> runJobs(ChainBatch batch, List<Waiting<?>> jobs) {
        return Multi.createFrom().iterable(jobs)
                .onItem().transformToUniAndConcatenate(waiting -> waiting.runIn(batch))
                .collect().last();
    }

    /** The inserts and the before-commit writes go out together: one round trip, run in this order. */
    private Uni<Void> insert(ChainBatch batch) {
        List<Uni<Void>> writes = new ArrayList<>();
        List<ChainEntry> last = List.copyOf(batch.pendingEntries());
        batch.addLeaves(last);
        batch.sealPositions();
        writes.add(store.insertAll(batch.tx(), last));
        if (batch.logGrew()) {
            writes.add(logStore.write(batch.tx(), batch.project(), batch.logSizeAtOpen(), batch.log(),
                    batch.filledTiles()));
        }
        batch.beforeCommitSteps().forEach(step -> writes.add(step.get()));
        if (batch.appendedEntries()) {
            // The entries go with the announcement when they are all still at hand (none inserted earlier).
            writes.add(announce(batch, batch.appendedCount() == last.size() ? last : List.of()));
        }
        return Uni.combine().all().unis(writes).discardItems();
    }

    /**
     * The {@link ChainAnnouncement} on {@link #CHANGES_CHANNEL}, sent in the transaction, so
     * PostgreSQL delivers it to every replica's listener only once the entries are committed.
     */
    private Uni<Void> announce(ChainBatch batch, List<ChainEntry> entries) {
        return batch.tx().preparedQuery("select pg_notify($1, $2)")
                .execute(Tuple.of(CHANGES_CHANNEL, announcements.payload(batch.project(), batch.head(), batch.kid(), entries)))
                .replaceWithVoid();
    }

    /** A small LRU map; the writer's batches of different projects run on different event loops. */
    private static final class RecentEdges {
        private final Map<String, TreeTiles> edges;

        RecentEdges(int capacity) {
            this.edges = new LinkedHashMap<>(capacity, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TreeTiles> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized TreeTiles get(String project) {
            return edges.get(project);
        }

        synchronized void put(String project, TreeTiles edge) {
            edges.put(project, edge);
        }
    }

    /** A job refusing fails its caller alone; anything else (SQL, commit) may have broken the transaction. */
    private static boolean refusal(Throwable failure) {
        return failure instanceof DevStateException;
    }

    /** A caller's job and where its result goes: delivered on the caller's own Vert.x context. */
    private static final class Waiting<T> {

        private final ChainJob<T> job;
        private final Deadline deadline;
        private final UniEmitter<? super T> emitter;
        private final Context context;
        private T result;
        private Throwable refused;

        Waiting(ChainJob<T> job, Deadline deadline, UniEmitter<? super T> emitter, Context context) {
            this.job = job;
            this.deadline = deadline;
            this.emitter = emitter;
            this.context = context;
        }

        Uni<Void> runIn(ChainBatch batch) {
            ChainBatch.Mark mark = batch.mark();
            return Uni.createFrom().deferred(() -> job.run(batch))
                    .invoke(item -> result = item)
                    .onFailure(ChainWriter::refusal).recoverWithUni(failure -> refuse(batch, mark, failure))
                    .replaceWithVoid();
        }

        /**
         * Undoes the job's part of the batch and answers its caller alone; a job whose entries are
         * already inserted cannot be undone, so its refusal fails the whole batch instead.
         */
        private Uni<T> refuse(ChainBatch batch, ChainBatch.Mark mark, Throwable failure) {
            if (!batch.dropAfter(mark)) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "a job of " + batch.project() + " refused after its entries were inserted", failure));
            }
            refused = failure;
            return Uni.createFrom().nullItem();
        }

        /** What the job left once its batch committed; the queue hands it back to {@link #settle}. */
        Outcome<Object> outcome() {
            return refused != null ? Outcome.refused(refused) : Outcome.done(result);
        }

        /** The typed result is this job's own: the queue's value is only the signal that it is ready. */
        void settle(Throwable failure) {
            if (failure instanceof CancellationException) {
                return; // the caller's own cancellation: nobody waits for an answer
            }
            if (failure == null) {
                emit(() -> emitter.complete(result));
            } else {
                // A job that refused before its transaction failed is answered with its own refusal.
                Throwable own = refused != null ? refused : failure;
                emit(() -> emitter.fail(own));
            }
        }

        private void emit(Runnable emission) {
            if (context == null || Vertx.currentContext() == context) {
                emission.run();
            } else {
                context.runOnContext(ignored -> emission.run());
            }
        }
    }
}
