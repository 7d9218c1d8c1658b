package io.devstate.chain;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.transactionsOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.devstate.common.PreconditionFailed;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

import jakarta.inject.Inject;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Group commit: writes that wait while a project's transaction is in flight share the next one;
 * a refusal fails only its caller, a failed transaction fails them all and writes nothing.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ChainWriterTest {

    private static final long WAIT_SECONDS = 10;

    @Inject
    ChainWriter writer;

    private static EntryDraft note(String actor) {
        return new EntryDraft(actor, "note", null, null, null, null, null);
    }

    private static ChainJob<ChainEntry> append(String actor) {
        return batch -> Uni.createFrom().item(batch.append(note(actor)));
    }

    /** Holds the project's transaction open until {@code gate} completes, so later writes queue up. */
    private CompletableFuture<ChainEntry> blocker(String project, CompletableFuture<Void> gate) {
        return writer.submit(project, batch -> Uni.createFrom().completionStage(gate)
                .map(ignored -> batch.append(note("blocker"))))
                .subscribeAsCompletionStage();
    }

    private static <T> T await(CompletableFuture<T> result) {
        return result.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }

    private CompletableFuture<ChainEntry> submit(String project, ChainJob<ChainEntry> job) {
        return writer.submit(project, job).subscribeAsCompletionStage();
    }

    @Test
    void writesThatWaitShareOneTransactionInArrivalOrder() {
        String project = newProject("group");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<ChainEntry> first = blocker(project, gate);
        CompletableFuture<ChainEntry> a = submit(project, append("a"));
        CompletableFuture<ChainEntry> b = submit(project, append("b"));
        CompletableFuture<ChainEntry> c = submit(project, append("c"));
        assertThat(writer.waiting(project)).isEqualTo(3);
        assertThat(a).isNotDone();

        gate.complete(null);

        assertThat(await(first).seq()).isEqualTo(1);
        assertThat(await(a).seq()).isEqualTo(2);
        assertThat(await(b).seq()).isEqualTo(3);
        assertThat(await(c).seq()).isEqualTo(4);
        assertThat(await(c).hmacPrev()).isEqualTo(await(b).hmac());
        assertThat(transactionsOf(project)).isEqualTo(2);
        assertVerifies(project, 4);
    }

    @Test
    void aCallerThatStoppedWaitingBeforeItsBatchStartedIsLeftOut() {
        String project = newProject("abandoned");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<ChainEntry> first = blocker(project, gate);
        CompletableFuture<ChainEntry> gone = submit(project, append("gone"));
        CompletableFuture<ChainEntry> kept = submit(project, append("kept"));

        gone.cancel(false); // as a request deadline does
        gate.complete(null);

        assertThat(await(first).seq()).isEqualTo(1);
        assertThat(await(kept).seq()).isEqualTo(2);
        assertVerifies(project, 2);
    }

    @Test
    void aRefusedJobFailsAloneAndWritesNothing() {
        String project = newProject("refused");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<ChainEntry> first = blocker(project, gate);
        CompletableFuture<ChainEntry> a = submit(project, append("a"));
        CompletableFuture<ChainEntry> refused = submit(project, batch -> {
            batch.append(note("never"));
            throw new PreconditionFailed("refused after appending: the append must be dropped");
        });
        CompletableFuture<ChainEntry> c = submit(project, append("c"));

        gate.complete(null);

        assertThatThrownBy(() -> await(refused)).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(PreconditionFailed.class);
        assertThat(await(first).seq()).isEqualTo(1);
        assertThat(await(a).seq()).isEqualTo(2);
        assertThat(await(c).seq()).isEqualTo(3);
        assertThat(await(c).hmacPrev()).isEqualTo(await(a).hmac());
        assertVerifies(project, 3);
    }

    @Test
    void aFailedTransactionFailsEveryCallerOfTheBatchAndWritesNothing() {
        String project = newProject("failed");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<ChainEntry> first = blocker(project, gate);
        CompletableFuture<ChainEntry> a = submit(project, append("a"));
        CompletableFuture<ChainEntry> broken = submit(project, batch -> batch.tx().query("select 1 / 0").execute()
                .map(ignored -> batch.append(note("broken"))));
        CompletableFuture<ChainEntry> c = submit(project, append("c"));

        gate.complete(null);

        assertThat(await(first).seq()).isEqualTo(1);
        for (CompletableFuture<ChainEntry> caller : List.of(a, broken, c)) {
            assertThatThrownBy(() -> await(caller)).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(PgException.class);
        }
        assertVerifies(project, 1);
        // The project is not stuck: the next write gets a transaction of its own.
        assertThat(await(submit(project, append("after"))).seq()).isEqualTo(2);
    }

    @Test
    void laterJobsOfABatchReadTheEntriesEarlierJobsAppended() {
        String project = newProject("read-own");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<ChainEntry> first = blocker(project, gate);
        CompletableFuture<ChainEntry> a = submit(project, append("a"));
        CompletableFuture<ChainEntry> found = submit(project, batch -> batch.find(2)
                .map(record -> record.orElseThrow().entry()));
        CompletableFuture<ChainEntry> c = submit(project, append("c"));

        gate.complete(null);

        assertThat(await(first).seq()).isEqualTo(1);
        assertThat(await(found)).isEqualTo(await(a));
        assertThat(await(c).seq()).isEqualTo(3);
        assertThat(transactionsOf(project)).isEqualTo(2);
        assertVerifies(project, 3);
    }

    @Test
    void aJobThatRefusesAfterItsEntriesWereInsertedFailsTheWholeBatch() {
        String project = newProject("late-refusal");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<ChainEntry> first = blocker(project, gate);
        CompletableFuture<ChainEntry> a = submit(project, append("a"));
        CompletableFuture<ChainEntry> late = submit(project, batch -> {
            ChainEntry own = batch.append(note("inserted"));
            // A read inserts what the batch appended so far, this job's own entry included.
            return batch.find(own.seq()).map(ignored -> {
                throw new PreconditionFailed("refused after its entry was inserted");
            });
        });
        CompletableFuture<ChainEntry> c = submit(project, append("c"));

        gate.complete(null);

        assertThat(await(first).seq()).isEqualTo(1);
        for (CompletableFuture<ChainEntry> caller : List.of(a, late, c)) {
            assertThatThrownBy(() -> await(caller)).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
        assertVerifies(project, 1);
    }

    @Test
    void signedEntriesMustContinueTheHead() {
        String project = newProject("signed");
        ChainEntry first = await(submit(project, append("a")));
        ChainEntry notNext = first.withHmac("0".repeat(64));

        assertThatThrownBy(() -> await(writer.submit(project, batch -> batch.appendSigned(List.of(notNext))
                .replaceWith(notNext)).subscribeAsCompletionStage()))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not continue the chain");
        assertVerifies(project, 1);
    }

    /** The project's chain verifies through the service, with exactly {@code entries} entries. */
    private static void assertVerifies(String project, int entries) {
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(entries));
    }
}
