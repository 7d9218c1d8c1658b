package io.devstate.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One project's live tail on this replica: the entries announced since the first subscriber came,
 * read from the database once (a page at a time) and kept in a short window of recent events that
 * every subscriber reads from. Subscribers pull: each asks for what follows its own position when
 * it has written the last events out, so a subscriber that stalls costs nothing but its position;
 * one that falls more than its allowance behind the tail is disconnected. Anything not in the
 * window (a resume from long ago, a subscriber that lagged) is read from the database. Idle, a
 * feed reads its project's head every couple of seconds, whatever the number of subscribers.
 */
final class ProjectFeed {

    /** Reads up to a page of entries after {@code after} through {@code through}. */
    interface Pages {
        Uni<List<EntryEvent>> page(String project, long after, long through);

        Uni<Long> head(String project);

        /** The state version once entry {@code seq} was written: its {@code update_state} entries up to it. */
        Uni<Long> stateVersionAt(String project, long seq);
    }

    /** The live window: enough for every subscriber that keeps up. */
    private static final int RECENT = 2 * ChangeFeed.PAGE;
    /**
     * How long a caught-up subscriber waits for an announcement before the feed reads the head
     * itself: a lost notification (a listener reconnecting) delays an event by this, never loses it.
     */
    private static final Duration WAKE_UP = Duration.ofSeconds(2);

    private final String project;
    private final Pages pages;
    /** Consecutive entries, oldest first, ending at {@link #fetched}: a position is an index into it. */
    private final ArrayList<EntryEvent> recent = new ArrayList<>();
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** Lock events, live only; each subscriber drops those it has no room for (it is stalled). */
    private final BroadcastProcessor<LockEvent> locks = BroadcastProcessor.create();
    /** The last seq this feed has read; -1 until the head is known. */
    private long fetched = -1;
    private long announced;
    private boolean fetching;
    private boolean refreshing;
    private long lastRefresh;

    ProjectFeed(String project, Pages pages) {
        this.project = project;
        this.pages = pages;
        pages.head(project).subscribe().with(this::started, failure -> started(-1));
    }

    private synchronized void started(long head) {
        if (head < 0) {
            return; // stays unknown: subscribers read the database until an announcement comes
        }
        fetched = head;
        fetchAnnounced();
        wakeUp();
    }

    synchronized void advanceTo(long seq) {
        advanceTo(seq, List.of());
    }

    /**
     * The chain now ends at {@code seq}; {@code carried} are the entries up to it that came with
     * the announcement (none when they did not fit in it): taken as they are when they continue
     * the window, else read from the database.
     */
    synchronized void advanceTo(long seq, List<EntryEvent> carried) {
        announced = Math.max(announced, seq);
        if (fetched >= 0 && !carried.isEmpty() && carried.get(0).seq() <= fetched + 1) {
            take(carried);
        }
        fetchAnnounced(); // with the head not known yet, the first read of it fetches from there
    }

    private void fetchAnnounced() {
        if (fetching || fetched < 0 || announced <= fetched) {
            return;
        }
        fetching = true;
        pages.page(project, fetched, announced).subscribe().with(this::fetchedPage, failure -> fetchFailed());
    }

    private synchronized void fetchedPage(List<EntryEvent> events) {
        fetching = false;
        take(events);
        fetchAnnounced();
    }

    /** Adds the events that continue the window (a page may overlap it), then tells the subscribers. */
    private void take(List<EntryEvent> events) {
        for (EntryEvent event : events) {
            if (event.seq() == fetched + 1) {
                recent.add(event);
                fetched = event.seq();
            }
        }
        if (recent.size() > RECENT) {
            recent.subList(0, recent.size() - RECENT).clear();
        }
        subscriptions.forEach(subscription -> subscription.checkLag(fetched));
        wakeUp();
    }

    private synchronized void fetchFailed() {
        fetching = false; // the next announcement (or a waiting subscriber's own read) tries again
        wakeUp();
    }

    private void wakeUp() {
        List<CompletableFuture<Void>> woken = List.copyOf(waiting);
        waiting.clear();
        woken.forEach(waiter -> waiter.complete(null));
    }

    /** What follows the subscription's position: from the window, else from the database, else after a wait. */
    private Uni<List<EntryEvent>> after(Subscription subscription) {
        long position = subscription.at.seq();
        synchronized (this) {
            if (fetched > position) {
                if (!recent.isEmpty() && recent.get(0).seq() <= position + 1) {
                    subscription.live = true;
                    int from = (int) (position + 1 - recent.get(0).seq());
                    return Uni.createFrom().item(List.copyOf(
                            recent.subList(from, Math.min(recent.size(), from + ChangeFeed.PAGE))));
                }
                subscription.live = false; // catching up from the database, at its own pace
                return pages.page(project, position, Long.MAX_VALUE);
            }
            subscription.live = true;
            CompletableFuture<Void> waiter = new CompletableFuture<>();
            waiting.add(waiter);
            return Uni.createFrom().completionStage(waiter)
                    .ifNoItem().after(WAKE_UP).recoverWithItem((Void) null)
                    .invoke(this::refreshAfterSilence)
                    .replaceWith(List.<EntryEvent>of()); // the caller asks again: from the window then
        }
    }

    /**
     * No announcement for a while: the feed reads the head itself, once for all its subscribers,
     * in case a notification was lost (the listener reconnecting) or the head never read.
     */
    private synchronized void refreshAfterSilence() {
        long now = System.nanoTime();
        if (refreshing || now - lastRefresh < WAKE_UP.toNanos() / 2) {
            return;
        }
        refreshing = true;
        lastRefresh = now;
        pages.head(project).subscribe().with(this::refreshed, failure -> refreshed(-1));
    }

    private synchronized void refreshed(long head) {
        refreshing = false;
        if (head < 0) {
            return;
        }
        if (fetched < 0) {
            started(head);
        } else {
            advanceTo(head);
        }
    }

    void lockChanged(LockEvent event) {
        locks.onNext(event);
    }

    /**
     * Without the feed's lock (the set is concurrent): a subscriber's end asks this holding the
     * change feed's map entry, and a subscriber dropped for lagging ends under the feed's lock, so
     * two ends at once would each wait for the other's lock.
     */
    boolean isIdle() {
        return subscriptions.isEmpty();
    }

    Subscription subscribe(long after, int allowance) {
        Subscription subscription = new Subscription(after, allowance);
        subscriptions.add(subscription);
        return subscription;
    }

    /** One subscriber's position in the feed. */
    final class Subscription {

        /** Its state version is -1 until read (a resume from the middle of the chain). */
        private final ChainPosition at;
        /** Reading the live window (not catching up from the database): then lagging means stalling. */
        private volatile boolean live;
        private final int allowance;
        /** Fails the stream of a subscriber that fell too far behind; silent when it is just cancelled. */
        private final BroadcastProcessor<List<FeedEvent>> dropped = BroadcastProcessor.create();
        private volatile boolean droppedOnce;

        Subscription(long after, int allowance) {
            this.at = new ChainPosition(after, after == 0 ? 0 : -1);
            this.allowance = allowance;
        }

        /**
         * Every entry after the starting position, in order, each once (an {@code update_state}
         * preceded by its {@code state} event), then the live tail, with lock events as they
         * happen; fails with {@link SlowSubscriber} once it is more than its allowance behind.
         */
        Multi<FeedEvent> events() {
            Multi<List<FeedEvent>> entries = Multi.createBy().repeating().uni(this::next)
                    .indefinitely()
                    .onItem().transform(this::delivered);
            Multi<List<FeedEvent>> lockEvents = locks.onOverflow().drop().map(List::of);
            return Multi.createBy().merging().streams(entries, lockEvents, dropped)
                    .onItem().disjoint();
        }

        private Uni<List<EntryEvent>> next() {
            if (at.stateVersion() < 0) { // first the version to count on from
                return pages.stateVersionAt(project, at.seq())
                        .invoke(version -> at.stateVersion(version))
                        .replaceWith(List.<EntryEvent>of());
            }
            return after(this);
        }

        /**
         * The events of a page's entries that follow the position (a page read from the database
         * may overlap what the subscriber already has), moving the position and the state version.
         */
        private List<FeedEvent> delivered(List<EntryEvent> page) {
            List<FeedEvent> events = new ArrayList<>(page.size());
            at.follow(page, events);
            return events;
        }

        void checkLag(long head) {
            if (live && head - at.seq() > allowance && !droppedOnce) {
                droppedOnce = true;
                dropped.onError(new SlowSubscriber(project, head - at.seq(), allowance));
            }
        }

        void close() {
            subscriptions.remove(this);
        }
    }
}
