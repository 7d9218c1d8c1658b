package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devstate.chain.ChainQueue.Outcome;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The batching of group commit with a fake runner: no Quarkus, no database. The fake holds each
 * batch open until the test ends it, so what waits behind a batch in flight can be seen.
 */
class ChainQueueTest {

    /** A batch the fake runner was given, ended by the test. */
    private record Batch(String project, List<String> jobs, CompletableFuture<List<Outcome<String>>> end) {

        /** Every job succeeds with its own name upper-cased, except the jobs named "refuse...". */
        void commit() {
            end.complete(jobs.stream().map(Batch::outcome).toList());
        }

        void fail(Throwable failure) {
            end.completeExceptionally(failure);
        }

        private static Outcome<String> outcome(String job) {
            return job.startsWith("refuse") ? Outcome.refused(new IllegalArgumentException(job))
                    : Outcome.done(job.toUpperCase());
        }
    }

    /** Records each batch it is given, and how many are in flight at once per project. */
    private static final class FakeRunner implements ChainQueue.BatchRunner<String, String> {

        final List<Batch> batches = new ArrayList<>();

        @Override
        public synchronized CompletionStage<List<Outcome<String>>> run(String project, List<String> jobs) {
            assertThat(inFlight(project)).as("batches in flight for " + project).isZero();
            Batch batch = new Batch(project, jobs, new CompletableFuture<>());
            batches.add(batch);
            return batch.end();
        }

        synchronized long inFlight(String project) {
            return batches.stream().filter(batch -> batch.project().equals(project) && !batch.end().isDone()).count();
        }

        synchronized Batch last() {
            return batches.get(batches.size() - 1);
        }

        synchronized List<List<String>> jobs() {
            return batches.stream().map(Batch::jobs).toList();
        }
    }

    private final FakeRunner runner = new FakeRunner();

    private static <T> T await(CompletableFuture<T> result) {
        return result.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aJobOfAnIdleProjectRunsAtOnceInABatchOfItsOwn() {
        ChainQueue<String, String> queue = new ChainQueue<>(4, runner);

        CompletableFuture<String> a = queue.submit("p", "a");

        assertThat(runner.jobs()).containsExactly(List.of("a"));
        assertThat(a).isNotDone();
        runner.last().commit();
        assertThat(a).isCompletedWithValue("A");
    }

    @Test
    void jobsThatWaitRunInTheNextBatchInArrivalOrder() {
        ChainQueue<String, String> queue = new ChainQueue<>(4, runner);
        CompletableFuture<String> first = queue.submit("p", "first");
        List<CompletableFuture<String>> waiting = List.of(queue.submit("p", "a"), queue.submit("p", "b"),
                queue.submit("p", "c"));
        assertThat(queue.waiting("p")).isEqualTo(3);
        assertThat(waiting).allSatisfy(result -> assertThat(result).isNotDone());

        runner.last().commit();

        assertThat(first).isCompletedWithValue("FIRST");
        assertThat(runner.jobs()).containsExactly(List.of("first"), List.of("a", "b", "c"));
        assertThat(waiting).allSatisfy(result -> assertThat(result).isNotDone());
        runner.last().commit();
        assertThat(waiting).extracting(ChainQueueTest::await).containsExactly("A", "B", "C");
        assertThat(queue.waiting("p")).isZero();
    }

    @Test
    void aBatchTakesAtMostMaxBatchJobsAndTheRestWaitForTheNext() {
        ChainQueue<String, String> queue = new ChainQueue<>(2, runner);
        queue.submit("p", "first");
        List.of("a", "b", "c", "d", "e").forEach(job -> queue.submit("p", job));

        runner.last().commit();
        assertThat(queue.waiting("p")).isEqualTo(3);
        runner.last().commit();
        runner.last().commit();

        assertThat(runner.jobs()).containsExactly(List.of("first"), List.of("a", "b"), List.of("c", "d"),
                List.of("e"));
    }

    @Test
    void aRefusingJobFailsAloneWhileTheOthersOfItsBatchSucceed() {
        ChainQueue<String, String> queue = new ChainQueue<>(4, runner);
        queue.submit("p", "first");
        CompletableFuture<String> a = queue.submit("p", "a");
        CompletableFuture<String> refused = queue.submit("p", "refuse-b");
        CompletableFuture<String> c = queue.submit("p", "c");

        runner.last().commit();
        runner.last().commit();

        assertThat(a).isCompletedWithValue("A");
        assertThat(c).isCompletedWithValue("C");
        assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class).hasRootCauseMessage("refuse-b");
    }

    @Test
    void aFailedBatchFailsEveryJobOfItWithItsFailureAndTheNextBatchStillRuns() {
        ChainQueue<String, String> queue = new ChainQueue<>(4, runner);
        queue.submit("p", "first");
        List<CompletableFuture<String>> batch = List.of(queue.submit("p", "a"), queue.submit("p", "refuse-b"));
        runner.last().commit();
        CompletableFuture<String> after = queue.submit("p", "after");

        IllegalStateException rollback = new IllegalStateException("rolled back");
        // As a stage derived from the transaction's would: wrapped, and the callers get the cause.
        runner.last().fail(new CompletionException(rollback));

        assertThat(batch).allSatisfy(result -> assertThatThrownBy(result::join)
                .isInstanceOf(CompletionException.class).extracting(Throwable::getCause).isSameAs(rollback));
        assertThat(runner.jobs()).last().isEqualTo(List.of("after"));
        runner.last().commit();
        assertThat(after).isCompletedWithValue("AFTER");
    }

    @Test
    void aRunnerThatThrowsFailsItsBatchWithoutStallingTheProject() {
        AtomicInteger calls = new AtomicInteger();
        ChainQueue<String, String> queue = new ChainQueue<>(4, (project, jobs) -> {
            if (calls.getAndIncrement() == 0) {
                throw new IllegalStateException("no connection");
            }
            return CompletableFuture.completedFuture(jobs.stream().map(Outcome::<String>done).toList());
        });

        CompletableFuture<String> broken = queue.submit("p", "a");
        CompletableFuture<String> after = queue.submit("p", "b");

        assertThatThrownBy(broken::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(after).isCompletedWithValue("b");
    }

    @Test
    void aJobWhoseCallerStoppedWaitingBeforeItsBatchStartedIsLeftOut() {
        ChainQueue<String, String> queue = new ChainQueue<>(2, runner);
        queue.submit("p", "first");
        CompletableFuture<String> gone = queue.submit("p", "gone");
        queue.submit("p", "a");
        queue.submit("p", "b");

        gone.cancel(false);
        runner.last().commit();

        // The abandoned job takes no place in the batch either: max-batch counts jobs that run.
        assertThat(runner.jobs()).containsExactly(List.of("first"), List.of("a", "b"));
    }

    @Test
    void projectsDoNotWaitForEachOther() {
        ChainQueue<String, String> queue = new ChainQueue<>(4, runner);
        queue.submit("slow", "held");
        CompletableFuture<String> queued = queue.submit("slow", "queued");

        CompletableFuture<String> other = queue.submit("fast", "x");
        Batch fast = runner.last();
        assertThat(fast.project()).isEqualTo("fast");
        fast.commit();

        assertThat(other).isCompletedWithValue("X");
        assertThat(queued).isNotDone();
        assertThat(runner.inFlight("slow")).isEqualTo(1);
        assertThat(queue.waiting("fast")).isZero();
    }

    @Test
    void concurrentSubmittersNeverHaveTwoBatchesOfAProjectInFlight() throws InterruptedException {
        int submitters = 8;
        int jobsEach = 200;
        // Batches end on another thread, as transactions do, while submitters keep adding.
        ExecutorService ender = Executors.newSingleThreadExecutor();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        ChainQueue<String, String> queue = new ChainQueue<>(16, (project, jobs) -> {
            if (inFlight.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            ran.addAll(jobs);
            return CompletableFuture.supplyAsync(() -> {
                inFlight.decrementAndGet();
                return jobs.stream().map(Outcome::<String>done).toList();
            }, ender);
        });
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> results = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < submitters; t++) {
            int submitter = t;
            threads.add(new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < jobsEach; i++) {
                    results.add(queue.submit("p", submitter + "-" + i));
                }
            }));
            threads.get(submitter).start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();
        ender.shutdown();
        assertThat(overlaps).hasValue(0);
        assertThat(ran).hasSize(submitters * jobsEach).doesNotHaveDuplicates();
        // Each submitter's jobs ran in the order it submitted them.
        for (int t = 0; t < submitters; t++) {
            String prefix = t + "-";
            assertThat(ran.stream().filter(job -> job.startsWith(prefix)).toList())
                    .isSortedAccordingTo((x, y) -> Integer.compare(index(x), index(y)));
        }
    }

    @Test
    void aMaxBatchBelowOneIsRefused() {
        assertThatThrownBy(() -> new ChainQueue<>(0, runner)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int index(String job) {
        return Integer.parseInt(job.substring(job.indexOf('-') + 1));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
