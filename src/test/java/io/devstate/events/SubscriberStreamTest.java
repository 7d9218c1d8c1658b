package io.devstate.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A subscriber's stream on its own: emitted only as asked, from any thread, each event once. */
class SubscriberStreamTest {

    /** A feed of numbered entries that a test appends to; the stream takes up to a page of what it has not had. */
    private static final class Entries {
        final ConcurrentLinkedQueue<FeedEvent> added = new ConcurrentLinkedQueue<>();
        int pageSize = 3;

        void add(long seq) {
            added.add(new EntryEvent("p", seq, "ts", "a", "act", "h", null, seq));
        }

        List<FeedEvent> next() {
            List<FeedEvent> page = new ArrayList<>();
            for (FeedEvent event; page.size() < pageSize && (event = added.poll()) != null; ) {
                page.add(event);
            }
            return page;
        }
    }

    private static List<Long> seqs(List<FeedEvent> events) {
        return events.stream().filter(EntryEvent.class::isInstance).map(event -> ((EntryEvent) event).seq()).toList();
    }

    /** A heartbeat, as these tests render it: a kind of event the streams here carry no other of. */
    static final FeedEvent HEARTBEAT = new StateEvent("p", 0, 0, "heartbeat", "-", "-");

    /** The events as they are; {@link #HEARTBEAT} for a heartbeat, a disconnected event as the farewell. */
    static SubscriberStream.Renderer<FeedEvent> asTheyAre(Duration heartbeatEvery) {
        return new SubscriberStream.Renderer<>() {
            @Override
            public FeedEvent event(FeedEvent event) {
                return event;
            }

            @Override
            public FeedEvent heartbeat() {
                return HEARTBEAT;
            }

            @Override
            public Duration heartbeatEvery() {
                return heartbeatEvery;
            }

            @Override
            public List<FeedEvent> farewell(SlowSubscriber reason) {
                return List.of(DisconnectedEvent.of(reason));
            }
        };
    }

    private static AssertSubscriber<FeedEvent> subscribe(SubscriberStream stream, long requested) {
        return stream.events(asTheyAre(Duration.ofHours(1)), () -> { })
                .subscribe().withSubscriber(AssertSubscriber.create(requested));
    }

    @Test
    void emitsOnlyWhatWasAskedForAndTheRestWhenAskedAgain() {
        Entries entries = new Entries();
        SubscriberStream stream = new SubscriberStream(entries::next);
        AssertSubscriber<FeedEvent> subscriber = subscribe(stream, 3);
        assertThat(subscriber.getItems()).as("a heartbeat as it starts").containsExactly(HEARTBEAT);
        for (long seq = 1; seq <= 5; seq++) {
            entries.add(seq);
        }
        stream.signal();
        assertThat(seqs(subscriber.getItems())).containsExactly(1L, 2L);
        subscriber.request(10);
        assertThat(seqs(subscriber.getItems())).containsExactly(1L, 2L, 3L, 4L, 5L);
        entries.add(6);
        assertThat(seqs(subscriber.getItems())).as("nothing is emitted without a signal").hasSize(5);
        stream.signal();
        assertThat(seqs(subscriber.getItems())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        subscriber.assertNotTerminated();
    }

    @Test
    void aStalledSubscriberKeepsOnlyAFewNoticesAndNoEntries() {
        Entries entries = new Entries();
        SubscriberStream stream = new SubscriberStream(entries::next);
        AssertSubscriber<FeedEvent> subscriber = subscribe(stream, 0);
        for (int i = 0; i < 100; i++) {
            stream.notice(new LockEvent("p", "acquired", "scope" + i, "agent", i, "2026-12-07T00:00:00Z"));
            entries.add(i + 1);
            stream.signal();
        }
        assertThat(entries.added).as("entries stay with the feed until asked for").hasSize(100);
        subscriber.request(1000);
        List<FeedEvent> got = subscriber.getItems();
        assertThat(got.stream().filter(LockEvent.class::isInstance)).as("notices kept for a stalled subscriber").hasSize(16);
        assertThat(got.stream().filter(EntryEvent.class::isInstance)).hasSize(100);
    }

    @Test
    void aSubscriberThatFellBehindGetsItsFarewellWhenItAsksThenTheEnd() {
        Entries entries = new Entries();
        SubscriberStream stream = new SubscriberStream(entries::next);
        AtomicInteger ended = new AtomicInteger();
        AssertSubscriber<FeedEvent> subscriber = stream.events(asTheyAre(Duration.ofHours(1)), ended::incrementAndGet)
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        entries.add(1);
        stream.fail(new SlowSubscriber("p", 10, 5));
        stream.fail(new IllegalStateException("a later reason does not count"));
        subscriber.assertNotTerminated();
        subscriber.request(5);
        assertThat(subscriber.getItems()).filteredOn(event -> event != HEARTBEAT).singleElement()
                .isInstanceOf(DisconnectedEvent.class);
        subscriber.assertCompleted();
        assertThat(ended).hasValue(1);
    }

    @Test
    void aFailedReadEndsTheStreamAlsoWhenItCameBeforeTheSubscriber() {
        SubscriberStream early = new SubscriberStream(List::of);
        early.fail(new IllegalStateException("the database went away"));
        subscribe(early, 1).assertFailedWith(IllegalStateException.class, "went away");

        SubscriberStream late = new SubscriberStream(List::of);
        AssertSubscriber<FeedEvent> subscriber = subscribe(late, 1);
        late.fail(new IllegalStateException("the database went away"));
        subscriber.assertFailedWith(IllegalStateException.class, "went away");
    }

    @Test
    void aQuietSubscriberGetsHeartbeatsAStalledOneDoesNotPileThemUp() {
        SubscriberStream stream = new SubscriberStream(List::of);
        AssertSubscriber<FeedEvent> subscriber = stream.events(asTheyAre(Duration.ofMillis(20)), () -> { })
                .subscribe().withSubscriber(AssertSubscriber.create(2));
        subscriber.awaitItems(2, Duration.ofSeconds(5));
        assertThat(subscriber.getItems()).containsOnly(HEARTBEAT);
        sleep(200); // ten heartbeats due while it asks for nothing
        subscriber.request(100); // those due while it asked for nothing were dropped (one more if a tick came just then)
        assertThat(subscriber.getItems().size()).as("heartbeats right after a stall of ten periods").isBetween(2, 3);
        subscriber.awaitItems(4, Duration.ofSeconds(5)); // and they go on
        subscriber.cancel();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void signalsAndRequestsFromManyThreadsDeliverEveryEntryOnceInOrder() throws Exception {
        Entries entries = new Entries();
        entries.pageSize = 7;
        SubscriberStream stream = new SubscriberStream(entries::next);
        AssertSubscriber<FeedEvent> subscriber = subscribe(stream, 0);
        int total = 60_000;
        int askers = 3;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(1 + askers);
        try {
            threads.execute(() -> { // the feed: entries in order, a signal after each
                for (long seq = 1; seq <= total; seq++) {
                    entries.add(seq);
                    stream.signal();
                }
                done.countDown();
            });
            for (int t = 0; t < askers; t++) { // the connection asking for more, from several threads
                threads.execute(() -> {
                    for (int i = 0; i < total / askers; i++) {
                        subscriber.request(1);
                    }
                    done.countDown();
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            stream.signal(); // the last entries may have come after the last request's emission
            subscriber.awaitItems(total, Duration.ofSeconds(10));
        } finally {
            threads.shutdownNow();
        }
        List<Long> got = seqs(subscriber.getItems());
        for (int i = 0; i < total; i++) {
            assertThat(got.get(i)).isEqualTo(i + 1L);
        }
        assertThat(got).hasSize(total);
    }
}
