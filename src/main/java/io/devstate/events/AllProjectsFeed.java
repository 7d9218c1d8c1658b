package io.devstate.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * Every project's changes on this replica ({@code ?project=*}, for admins), live only: from every
 * project's head when the first subscriber came, the entries each announcement adds (as it
 * carries them, else read a page at a time, one read per project at once), and lock changes, all
 * in one window in the order this replica learnt them, which every subscriber reads from as a project's subscribers read its
 * {@link ProjectFeed}. Nothing is replayed, so a subscriber that falls more than its allowance
 * behind is disconnected, and after a lost notification connection every head is read again.
 */
final class AllProjectsFeed {

    private static final Logger LOG = Logger.getLogger(AllProjectsFeed.class);
    private static final long RETRY_AFTER_FAILURE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    /** The reads of {@link ProjectFeed.Pages} and every project's head at once. */
    interface Source extends ProjectFeed.Pages {
        Uni<Map<String, Long>> heads();
    }

    private final Source source;
    private final int allowance;
    /** Where each project's reads stand; empty until the heads are known. */
    private final Map<String, Cursor> cursors = new HashMap<>();
    /** The heads announced while the heads were being read. */
    private final Map<String, Long> announcedEarly = new HashMap<>();
    private boolean headsKnown;
    /** A read of every head after a reconnect failed: announcements retry it (commits may have gone unannounced). */
    private boolean headsStale;
    private boolean readingHeads;
    private long failedAt = System.nanoTime() - RETRY_AFTER_FAILURE_NANOS;
    /** The last events, oldest first; the event at index {@code i} of the feed is {@code recent.get(i - first)}. */
    private final ArrayList<FeedEvent> recent = new ArrayList<>();
    private long first;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    /** One project's reads: how far they are (the state version unknown until the first), the last seq announced. */
    private static final class Cursor {
        final ChainPosition at;
        long announced;
        boolean fetching;

        Cursor(long head) {
            at = new ChainPosition(head, -1);
            announced = head;
        }
    }

    AllProjectsFeed(Source source, int allowance) {
        this.source = source;
        this.allowance = allowance;
        readHeads();
    }

    /** The first read of every head, and another after each reconnect of the notification connection. */
    synchronized void readHeads() {
        if (readingHeads || System.nanoTime() - failedAt < RETRY_AFTER_FAILURE_NANOS) {
            return; // a failed read (a database away, or too many projects for its deadline) is not retried at once
        }
        readingHeads = true;
        source.heads().subscribe().with(this::headsRead, this::headsFailed);
    }

    private synchronized void headsRead(Map<String, Long> heads) {
        readingHeads = false;
        headsKnown = true;
        headsStale = false;
        heads.forEach((project, head) -> {
            cursors.computeIfAbsent(project, known -> new Cursor(head));
            advance(project, head); // a cursor from before a reconnect may be behind its head
        });
        announcedEarly.forEach(this::advance);
        announcedEarly.clear();
    }

    private synchronized void headsFailed(Throwable failure) {
        readingHeads = false; // tried again with the next announcement, RETRY_AFTER_FAILURE_NANOS later
        failedAt = System.nanoTime();
        headsStale = headsKnown;
        // Until it succeeds the feed is silent (a first read) or may lack commits announced to nobody
        // (a read after a reconnect): say so, once per attempt.
        LOG.warnf("the feed of every project could not read the projects' heads (%s); it tries again with an "
                + "announcement at least 5 s later", failure.getMessage());
    }

    /** As {@link ProjectFeed#advanceTo(long, List)}, for any project. */
    void advanceTo(String project, long head, List<EntryEvent> carried) {
        Runnable wake = () -> { };
        synchronized (this) {
            if (!headsKnown) {
                announcedEarly.merge(project, head, Math::max);
                readHeads();
                return;
            }
            if (headsStale) {
                readHeads();
            }
            Cursor cursor = cursors.get(project);
            // Taken as they are only between reads, with the state version known (a read sets it).
            if (cursor != null && !cursor.fetching && cursor.at.stateVersion() >= 0 && !carried.isEmpty()
                    && carried.get(0).seq() <= cursor.at.seq() + 1) {
                cursor.at.follow(carried, recent);
                wake = delivered();
            }
            advance(project, head);
        }
        wake.run();
    }

    /** A project first heard of after the heads were read is new: its reads start at seq 1. */
    private void advance(String project, long head) {
        Cursor cursor = cursors.computeIfAbsent(project, unknown -> new Cursor(0));
        cursor.announced = Math.max(cursor.announced, head);
        fetch(project, cursor);
    }

    private void fetch(String project, Cursor cursor) {
        if (cursor.fetching || cursor.announced <= cursor.at.seq()) {
            return;
        }
        cursor.fetching = true;
        long after = cursor.at.seq();
        Uni<Long> version = cursor.at.stateVersion() >= 0 ? Uni.createFrom().item(cursor.at.stateVersion())
                : source.stateVersionAt(project, after);
        long through = cursor.announced;
        version.flatMap(known -> source.page(project, after, through)
                        .invoke(page -> fetched(project, cursor, known, page)))
                .subscribe().with(done -> { }, failure -> fetchFailed(cursor));
    }

    private void fetched(String project, Cursor cursor, long stateVersion, List<EntryEvent> page) {
        Runnable wake;
        synchronized (this) {
            cursor.fetching = false;
            cursor.at.stateVersion(stateVersion);
            cursor.at.follow(page, recent);
            wake = delivered();
            fetch(project, cursor);
        }
        wake.run();
    }

    private synchronized void fetchFailed(Cursor cursor) {
        cursor.fetching = false; // the project's next announcement (or a reconnect) tries again
    }

    void lockChanged(LockEvent event) {
        Runnable wake;
        synchronized (this) {
            recent.add(event);
            wake = delivered();
        }
        wake.run();
    }

    /**
     * Trims the window (a page at a time, not an element per event) and finds who fell too far
     * behind and who waits: what to tell them is returned, to run once the lock is released, so
     * that no subscriber's stream (and its end, which takes the change feed's lock) runs under it.
     */
    private Runnable delivered() {
        if (recent.size() > allowance + ChangeFeed.PAGE) {
            int excess = recent.size() - allowance;
            recent.subList(0, excess).clear();
            first += excess;
        }
        long end = first + recent.size();
        List<Subscription> lagging = subscriptions.stream().filter(subscription -> subscription.lagging(end)).toList();
        return () -> {
            lagging.forEach(Subscription::drop);
            subscriptions.forEach(subscription -> subscription.stream.signal());
        };
    }

    synchronized Subscription subscribe() {
        Subscription subscription = new Subscription(first + recent.size());
        subscriptions.add(subscription);
        return subscription;
    }

    boolean isIdle() {
        return subscriptions.isEmpty();
    }

    /** One subscriber's position: the index of the next event it reads. */
    final class Subscription {

        private long position;
        private boolean dropped;
        private long behind;
        private final SubscriberStream stream = new SubscriberStream(this::next);

        private Subscription(long position) {
            this.position = position;
        }

        /** The events from when it joined, in the feed's order; once too far behind, the renderer's farewell and the end. */
        <T> Multi<T> events(SubscriberStream.Renderer<T> renderer, Runnable onEnd) {
            return stream.events(renderer, onEnd);
        }

        /** Up to a page of what follows its position, or none yet (the feed signals when there is more). */
        private List<FeedEvent> next() {
            synchronized (AllProjectsFeed.this) {
                long end = first + recent.size();
                if (position >= end) {
                    return List.of();
                }
                int from = (int) (Math.max(position, first) - first);
                List<FeedEvent> page = List.copyOf(recent.subList(from, Math.min(recent.size(), from + ChangeFeed.PAGE)));
                position = first + from + page.size();
                return page;
            }
        }

        /** Under the feed's lock: whether it is more than its allowance behind {@code end}, once. */
        private boolean lagging(long end) {
            if (end - position > allowance && !dropped) {
                dropped = true;
                behind = end - position;
                return true;
            }
            return false;
        }

        private void drop() {
            stream.fail(SlowSubscriber.ofEveryProject(behind, allowance));
        }

        void close() {
            subscriptions.remove(this);
        }
    }
}
