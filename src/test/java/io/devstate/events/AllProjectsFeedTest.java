package io.devstate.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** The feed of every project over reads that a test controls: a failed read of every head is not retried at once. */
class AllProjectsFeedTest {

    /** One project, {@code p}, with {@link #head} entries; every head read fails while {@link #headsFail} is set. */
    private static final class Reads implements AllProjectsFeed.Source {
        final AtomicBoolean headsFail = new AtomicBoolean(true);
        final AtomicInteger headReads = new AtomicInteger();
        volatile long head = 3;

        @Override
        public Uni<Map<String, Long>> heads() {
            headReads.incrementAndGet();
            return headsFail.get() ? Uni.createFrom().failure(new IllegalStateException("the database is away"))
                    : Uni.createFrom().item(Map.of("p", head));
        }

        @Override
        public Uni<List<EntryEvent>> page(String project, long after, long through) {
            return Uni.createFrom().item(LongStream.rangeClosed(after + 1, Math.min(through, head))
                    .mapToObj(seq -> new EntryEvent(project, seq, "ts", "a", "build", "h" + seq, null, seq)).toList());
        }

        @Override
        public Uni<Long> head(String project) {
            return Uni.createFrom().item(head);
        }

        @Override
        public Uni<Long> stateVersionAt(String project, long seq) {
            return Uni.createFrom().item(0L);
        }
    }

    @Test
    void aFailedReadOfEveryHeadIsRetriedByAnAnnouncementOnlyFiveSecondsLater() throws Exception {
        Reads reads = new Reads();
        AllProjectsFeed feed = new AllProjectsFeed(reads, 100);
        AssertSubscriber<FeedEvent> subscriber = feed.subscribe().events(SubscriberStreamTest.asTheyAre(Duration.ofHours(1)), () -> { })
                .subscribe().withSubscriber(AssertSubscriber.create(100));
        assertThat(reads.headReads).as("the first read, when the feed starts").hasValue(1);

        reads.headsFail.set(false);
        reads.head = 4;
        feed.advanceTo("p", 4, List.of());
        feed.readHeads(); // as after a reconnect of the notification connection
        assertThat(reads.headReads).as("reads of every head within 5 s of the failed one").hasValue(1);
        assertThat(subscriber.getItems()).as("nothing but the heartbeat at the start").containsOnly(SubscriberStreamTest.HEARTBEAT);

        Thread.sleep(5_100);
        reads.head = 5;
        feed.advanceTo("p", 5, List.of());
        assertThat(reads.headReads).as("the read an announcement retries after 5 s").hasValue(2);
        // From the head the read found (5), so nothing before it; then what follows it.
        reads.head = 6;
        feed.advanceTo("p", 6, List.of());
        subscriber.awaitItems(2, Duration.ofSeconds(5));
        assertThat(subscriber.getItems()).filteredOn(EntryEvent.class::isInstance).singleElement()
                .satisfies(event -> assertThat(((EntryEvent) event).seq()).isEqualTo(6));
    }
}
