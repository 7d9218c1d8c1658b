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
        return events.stream().map(event -> ((EntryEvent) event).seq()).toList();
    }

    @Test
    void emitsOnlyWhatWasAskedForAndTheRestWhenAskedAgain() {
        Entries entries = new Entries();
        SubscriberStream stream = new SubscriberStream(entries::next);
        AssertSubscriber<FeedEvent> subscriber = stream.events().subscribe().withSubscriber(AssertSubscriber.create(2));
        for (long seq = 1; seq <= 5; seq++) {
            entries.add(seq);
        }
        stream.signal();
        assertThat(seqs(subscriber.getItems())).containsExactly(1L, 2L);
        subscriber.request(10);
        assertThat(seqs(subscriber.getItems())).containsExactly(1L, 2L, 3L, 4L, 5L);
        entries.add(6);
        assertThat(subscriber.getItems()).as("nothing is emitted without a signal").hasSize(5);
        stream.signal();
        assertThat(seqs(subscriber.getItems())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        subscriber.assertNotTerminated();
    }

    @Test
    void aStalledSubscriberKeepsOnlyAFewNoticesAndNoEntries() {
        Entries entries = new Entries();
        SubscriberStream stream = new SubscriberStream(entries::next);
        AssertSubscriber<FeedEvent> subscriber = stream.events().subscribe().withSubscriber(AssertSubscriber.create(0));
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
    void aFailureEndsTheStreamAlsoWhenItCameBeforeTheSubscriber() {
        SubscriberStream early = new SubscriberStream(List::of);
        early.fail(new SlowSubscriber("p", 10, 5));
        early.events().subscribe().withSubscriber(AssertSubscriber.create(1)).assertFailedWith(SlowSubscriber.class);

        SubscriberStream late = new SubscriberStream(List::of);
        AssertSubscriber<FeedEvent> subscriber = late.events().subscribe().withSubscriber(AssertSubscriber.create(1));
        late.fail(new SlowSubscriber("p", 10, 5));
        subscriber.assertFailedWith(SlowSubscriber.class);
    }

    @Test
    void signalsAndRequestsFromManyThreadsDeliverEveryEntryOnceInOrder() throws Exception {
        Entries entries = new Entries();
        entries.pageSize = 7;
        SubscriberStream stream = new SubscriberStream(entries::next);
        AssertSubscriber<FeedEvent> subscriber = stream.events().subscribe().withSubscriber(AssertSubscriber.create(0));
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
