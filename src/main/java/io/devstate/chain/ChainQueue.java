package io.devstate.chain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batching of group commit, without the database: per project, jobs wait in arrival order;
 * at most one batch is in flight, and when it ends the next one takes up to {@code maxBatch} of
 * the jobs that waited meanwhile. A job submitted while its project is idle starts a batch of its
 * own at once. Projects do not wait for each other. What a batch does is the {@link BatchRunner}'s
 * business, so the queue is tested with a fake one.
 *
 * <p>A job's future is completed with its own outcome once its batch ended; if the batch failed
 * as a whole, every job of it fails with that failure. Cancelling the future before the job's batch
 * started leaves the job out of it.
 */
final class ChainQueue<J, R> {

    /** Runs one batch of a project: the jobs in order, together. */
    @FunctionalInterface
    interface BatchRunner<J, R> {

        /**
         * Completes with one outcome per job, in the jobs' order, once the batch succeeded; fails
         * (or throws) if the batch failed as a whole.
         */
        CompletionStage<List<Outcome<R>>> run(String project, List<J> jobs);
    }

    /** What became of one job of a batch that succeeded: its value, or the reason it refused alone. */
    record Outcome<R>(R value, Throwable refusal) {

        static <R> Outcome<R> done(R value) {
            return new Outcome<>(value, null);
        }

        static <R> Outcome<R> refused(Throwable refusal) {
            return new Outcome<>(null, refusal);
        }
    }

    private record Pending<J, R>(J job, CompletableFuture<R> result) {

        /** The caller stopped waiting (cancelled) before the job ran. */
        boolean abandoned() {
            return result.isDone();
        }
    }

    private final int maxBatch;
    private final BatchRunner<J, R> runner;
    /** Projects with a batch in flight, and what waits for the next one. Changed only inside compute(). */
    private final Map<String, ArrayDeque<Pending<J, R>>> projects = new ConcurrentHashMap<>();

    ChainQueue(int maxBatch, BatchRunner<J, R> runner) {
        if (maxBatch < 1) {
            // A batch of zero would never take a job: every caller would wait forever.
            throw new IllegalArgumentException("devstate.chain.max-batch must be at least 1, not " + maxBatch);
        }
        this.maxBatch = maxBatch;
        this.runner = runner;
    }

    /** Queues the job for the project's next batch; cancel the future to take it back while it waits. */
    CompletableFuture<R> submit(String project, J job) {
        Pending<J, R> pending = new Pending<>(job, new CompletableFuture<>());
        boolean[] idle = {false};
        projects.compute(project, (name, queue) -> {
            if (queue == null) {
                idle[0] = true;
                return new ArrayDeque<>();
            }
            queue.add(pending);
            return queue;
        });
        if (idle[0]) {
            run(project, List.of(pending));
        }
        return pending.result();
    }

    /** How many jobs of the project wait for its next batch (for diagnostics and tests). */
    int waiting(String project) {
        int[] count = {0};
        projects.computeIfPresent(project, (name, queue) -> {
            count[0] = queue.size();
            return queue;
        });
        return count[0];
    }

    /** Takes the next batch, or forgets the project (no batch in flight) when nothing waits. */
    private void next(String project) {
        List<Pending<J, R>> batch = new ArrayList<>();
        projects.compute(project, (name, queue) -> {
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                Pending<J, R> pending = queue.poll();
                if (!pending.abandoned()) {
                    batch.add(pending);
                }
            }
            return batch.isEmpty() ? null : queue;
        });
        if (!batch.isEmpty()) {
            run(project, batch);
        }
    }

    private void run(String project, List<Pending<J, R>> batch) {
        CompletionStage<List<Outcome<R>>> ran;
        try {
            ran = runner.run(project, batch.stream().map(Pending::job).toList());
        } catch (RuntimeException failure) {
            // A runner that throws instead of failing its stage must not stall the project.
            ran = CompletableFuture.failedFuture(failure);
        }
        ran.whenComplete((outcomes, failure) -> ended(project, batch, outcomes, failure));
    }

    /** The next batch starts whatever a caller's code does with its result: the project must not stall. */
    private void ended(String project, List<Pending<J, R>> batch, List<Outcome<R>> outcomes, Throwable failure) {
        try {
            Throwable batchFailure = failure != null ? unwrap(failure) : miscounted(outcomes, batch.size());
            if (batchFailure != null) {
                batch.forEach(pending -> pending.result().completeExceptionally(batchFailure));
            } else {
                for (int i = 0; i < batch.size(); i++) {
                    deliver(batch.get(i).result(), outcomes.get(i));
                }
            }
        } finally {
            next(project);
        }
    }

    /** Outcomes that cannot be matched to the jobs would answer callers with someone else's result. */
    private static Throwable miscounted(List<?> outcomes, int jobs) {
        if (outcomes != null && outcomes.size() == jobs) {
            return null;
        }
        return new IllegalStateException("the batch runner gave " + (outcomes == null ? "no" : outcomes.size())
                + " outcomes for " + jobs + " jobs");
    }

    private static <R> void deliver(CompletableFuture<R> result, Outcome<R> outcome) {
        if (outcome.refusal() != null) {
            result.completeExceptionally(outcome.refusal());
        } else {
            result.complete(outcome.value());
        }
    }

    /** A stage derived from a failed one wraps the failure; callers want the failure itself. */
    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
