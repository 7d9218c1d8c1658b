package io.devstate.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.devstate.common.DevStateException;
import io.devstate.config.DevStateConfig;
import io.devstate.database.Database;
import io.devstate.keys.ActiveKeys;
import io.devstate.metrics.DevStateMetrics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.smallrye.mutiny.tuples.Tuple3;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Group commit for a project's chain. One commit per append caps a chain at what PostgreSQL can
 * commit one after the other; so while a transaction of a project is in flight, the writes that
 * arrive for it wait, and when it ends the waiting ones (up to {@code devstate.chain.max-batch})
 * run together in one transaction: advisory lock, active kid and head once, then each job in
 * arrival order, the entries inserted in one batch, the commit — and only then does each caller
 * get its own result. A caller whose job refuses (see {@link ChainJob}) fails alone; if the
 * transaction fails, every caller of the batch fails, so a success always means committed.
 *
 * <p>Other replicas, and the single-transaction paths (tombstone, import, key rotation), are kept
 * in order by the same advisory lock.
 */
@ApplicationScoped
public class ChainWriter {

    private final Database database;
    private final HistoryRepository repository;
    private final ActiveKeys activeKeys;
    private final ChainSigner signer;
    private final AuditMetadata audit;
    private final DevStateMetrics metrics;
    private final int maxBatch;
    /** Projects with a batch in flight, and what waits for the next one. Changed only inside compute(). */
    private final Map<String, ArrayDeque<Waiting<?>>> projects = new ConcurrentHashMap<>();

    public ChainWriter(Database database, HistoryRepository repository, ActiveKeys activeKeys, ChainSigner signer,
            AuditMetadata audit, DevStateMetrics metrics, DevStateConfig config) {
        this.database = database;
        this.repository = repository;
        this.activeKeys = activeKeys;
        this.signer = signer;
        this.audit = audit;
        this.metrics = metrics;
        this.maxBatch = config.chain().maxBatch();
        if (maxBatch < 1) {
            // A batch of zero would never take a write: every caller would wait forever.
            throw new IllegalArgumentException("devstate.chain.max-batch must be at least 1, not " + maxBatch);
        }
    }

    /**
     * Runs the job in the next group transaction of the project; the item arrives once that
     * committed. The wait, queueing behind the project's transaction in flight included, has the
     * request deadline; a caller that stopped waiting before its batch started is left out of it.
     */
    public <T> Uni<T> submit(String project, ChainJob<T> job) {
        return database.bounded(Uni.createFrom().emitter(emitter -> {
            Waiting<T> waiting = new Waiting<>(job, emitter, Vertx.currentContext());
            emitter.onTermination(waiting::abandon);
            enqueue(project, waiting);
        }));
    }

    /** How many writes of the project wait for its next transaction (for diagnostics and tests). */
    public int waiting(String project) {
        int[] count = {0};
        projects.computeIfPresent(project, (name, queue) -> {
            count[0] = queue.size();
            return queue;
        });
        return count[0];
    }

    private void enqueue(String project, Waiting<?> waiting) {
        boolean[] idle = {false};
        projects.compute(project, (name, queue) -> {
            if (queue == null) {
                idle[0] = true;
                return new ArrayDeque<>();
            }
            queue.add(waiting);
            return queue;
        });
        if (idle[0]) {
            run(project, List.of(waiting));
        }
    }

    /** Takes the next batch, or forgets the project (no batch in flight) when nothing waits. */
    private void next(String project) {
        List<Waiting<?>> batch = new ArrayList<>();
        projects.compute(project, (name, queue) -> {
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                Waiting<?> waiting = queue.poll();
                if (!waiting.abandoned) {
                    batch.add(waiting);
                }
            }
            return batch.isEmpty() ? null : queue;
        });
        if (!batch.isEmpty()) {
            run(project, batch);
        }
    }

    private void run(String project, List<Waiting<?>> batch) {
        database.transaction(tx -> open(tx, project)
                .call(open -> runJobs(open, batch))
                .call(this::insert))
                .subscribe().with(
                        committed -> committed(project, batch),
                        failure -> failed(project, batch, failure));
    }

    /**
     * One round trip: the connection pipelines the three statements and PostgreSQL runs them in
     * order, so the kid and the head are read under the lock.
     */
    private Uni<ChainBatch> open(SqlConnection tx, String project) {
        return Uni.combine().all().unis(repository.lockChain(tx, project), activeKeys.signingKid(tx),
                repository.head(tx, project)).asTuple()
                .map(opened -> batch(tx, project, opened));
    }

    private ChainBatch batch(SqlConnection tx, String project, Tuple3<Void, String, ChainHead> opened) {
        return new ChainBatch(tx, project, opened.getItem2(), opened.getItem3(), signer, audit);
    }

    private Uni<Void> runJobs(ChainBatch batch, List<Waiting<?>> jobs) {
        return Multi.createFrom().iterable(jobs)
                .onItem().transformToUniAndConcatenate(waiting -> waiting.runIn(batch))
                .collect().last();
    }

    /** The inserts and the before-commit writes go out together: one round trip, run in this order. */
    private Uni<Void> insert(ChainBatch batch) {
        List<Uni<Void>> writes = new ArrayList<>();
        writes.add(repository.insertAll(batch.tx(), batch.entries()));
        batch.beforeCommitSteps().forEach(step -> writes.add(step.get()));
        return Uni.combine().all().unis(writes).discardItems();
    }

    /** The next batch starts whatever a caller's code does with its result: the project must not stall. */
    private void committed(String project, List<Waiting<?>> batch) {
        try {
            metrics.chainCommitted(batch.size());
            batch.forEach(Waiting::deliver);
        } finally {
            next(project);
        }
    }

    private void failed(String project, List<Waiting<?>> batch, Throwable failure) {
        try {
            batch.forEach(waiting -> waiting.fail(failure));
        } finally {
            next(project);
        }
    }

    /** A job refusing fails its caller alone; anything else (SQL, commit) may have broken the transaction. */
    private static boolean refusal(Throwable failure) {
        return failure instanceof DevStateException;
    }

    /** A caller's job and where its result goes: delivered on the caller's own Vert.x context. */
    private static final class Waiting<T> {

        private final ChainJob<T> job;
        private final UniEmitter<? super T> emitter;
        private final Context context;
        private T result;
        private Throwable refused;
        /** Set when the caller's wait ended (timed out, cancelled) before the job ran; read under compute(). */
        private volatile boolean abandoned;

        Waiting(ChainJob<T> job, UniEmitter<? super T> emitter, Context context) {
            this.job = job;
            this.emitter = emitter;
            this.context = context;
        }

        /** The caller's wait ended; it matters only while the job still waits in the queue (timeout, cancellation). */
        void abandon() {
            abandoned = true;
        }

        Uni<Void> runIn(ChainBatch batch) {
            int mark = batch.mark();
            return Uni.createFrom().deferred(() -> job.run(batch))
                    .invoke(item -> result = item)
                    .onFailure(ChainWriter::refusal).invoke(failure -> refuse(batch, mark, failure))
                    .onFailure(ChainWriter::refusal).recoverWithNull()
                    .replaceWithVoid();
        }

        private void refuse(ChainBatch batch, int mark, Throwable failure) {
            batch.dropAfter(mark);
            refused = failure;
        }

        void deliver() {
            if (refused != null) {
                emit(() -> emitter.fail(refused));
            } else {
                emit(() -> emitter.complete(result));
            }
        }

        void fail(Throwable failure) {
            Throwable own = refused != null ? refused : failure;
            emit(() -> emitter.fail(own));
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
