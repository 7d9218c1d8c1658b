package io.devstate.events;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One project's live tail on this replica: the entries announced since the first subscriber came,
 * read from the database once (a page at a time) and kept in a short window of recent events that
 * every subscriber reads from. Each subscriber takes what follows its own position when it has
 * written the last events out ({@link SubscriberStream}), so a subscriber that stalls costs nothing
 * but its position; one that falls more than its allowance behind the tail is disconnected.
 * Anything not in the window (a resume from long ago, a subscriber that lagged) is read from the
 * database. Quiet, a feed reads its project's head every couple of seconds, whatever the number of
 * subscribers.
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
     * How long the feed waits for an announcement before it reads the head itself: a lost
     * notification (a listener reconnecting) delays an event by about this, never loses it.
     */
    private static final Duration WAKE_UP = Duration.ofSeconds(2);

    private final String project;
    private final Pages pages;
    /** Consecutive entries, oldest first, ending at {@link #fetched}: a position is an index into it. */
    private final ArrayList<EntryEvent> recent = new ArrayList<>();
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Cancellable silenceCheck;
    /** The last seq this feed has read; -1 until the head is known. */
    private long fetched = -1;
    private long announced;
    private boolean fetching;
    private boolean refreshing;
    /** When the feed last heard of its project (an announcement, a head read). */
    private volatile long lastHeard = System.nanoTime();

    ProjectFeed(String project, Pages pages) {
        this.project = project;
        this.pages = pages;
        pages.head(project).subscribe().with(this::started, failure -> started(-1));
        silenceCheck = Multi.createFrom().ticks().startingAfter(WAKE_UP).every(WAKE_UP).subscribe().with(tick -> refreshAfterSilence());
    }

    /** The head, once known (the first read of it, else the first silence check that reads it). */
    private void started(long head) {
        synchronized (this) {
            if (head < 0 || fetched >= 0) {
                return; // unknown: subscribers wait until an announcement or the silence check; or known already
            }
            fetched = head;
            fetchAnnounced();
        }
        tellSubscribers(List.of());
    }

    void advanceTo(long seq) {
        advanceTo(seq, List.of());
    }

    /**
     * The chain now ends at {@code seq}; {@code carried} are the entries up to it that came with
     * the announcement (none when they did not fit in it): taken as they are when they continue
     * the window, else read from the database.
     */
    void advanceTo(long seq, List<EntryEvent> carried) {
        lastHeard = System.nanoTime();
        List<Subscription> lagging = List.of();
        boolean grew = false;
        synchronized (this) {
            announced = Math.max(announced, seq);
            if (fetched >= 0 && !carried.isEmpty() && carried.get(0).seq() <= fetched + 1) {
                lagging = take(carried);
                grew = true;
            }
            fetchAnnounced(); // with the head not known yet, the first read of it fetches from there
        }
        if (grew) {
            tellSubscribers(lagging);
        }
    }

    private void fetchAnnounced() {
        if (fetching || fetched < 0 || announced <= fetched) {
            return;
        }
        fetching = true;
        pages.page(project, fetched, announced).subscribe().with(this::fetchedPage, failure -> fetchFailed());
    }

    private void fetchedPage(List<EntryEvent> events) {
        List<Subscription> lagging;
        synchronized (this) {
            fetching = false;
            lagging = take(events);
            fetchAnnounced();
        }
        tellSubscribers(lagging);
    }

    /** Adds the events that continue the window (a page may overlap it); returns who fell too far behind. */
    private List<Subscription> take(List<EntryEvent> events) {
        for (EntryEvent event : events) {
            if (event.seq() == fetched + 1) {
                recent.add(event);
                fetched = event.seq();
            }
        }
        if (recent.size() > RECENT) {
            recent.subList(0, recent.size() - RECENT).clear();
        }
        long head = fetched;
        return subscriptions.stream().filter(subscription -> subscription.lagging(head)).toList();
    }

    private synchronized void fetchFailed() {
        fetching = false; // the next announcement (or a subscriber's own read) tries again
    }

    /** Outside the feed's lock: a subscriber's stream runs (and may end) in what it is told. */
    private void tellSubscribers(List<Subscription> lagging) {
        lagging.forEach(Subscription::drop);
        subscriptions.forEach(subscription -> subscription.stream.signal());
    }

    /**
     * What follows {@code position} in the window, up to a page: empty when the subscriber has
     * everything the feed has, null when the window no longer reaches back to it.
     */
    private synchronized List<EntryEvent> windowAfter(Subscription subscription, long position) {
        if (fetched <= position) {
            subscription.live = true;
            return List.of();
        }
        if (recent.isEmpty() || recent.get(0).seq() > position + 1) {
            subscription.live = false; // catching up from the database, at its own pace
            return null;
        }
        subscription.live = true;
        int from = (int) (position + 1 - recent.get(0).seq());
        return List.copyOf(recent.subList(from, Math.min(recent.size(), from + ChangeFeed.PAGE)));
    }

    /**
     * No announcement for a while: the feed reads the head itself, once for all its subscribers,
     * in case a notification was lost (the listener reconnecting) or the head never read.
     */
    private void refreshAfterSilence() {
        synchronized (this) {
            if (refreshing || System.nanoTime() - lastHeard < WAKE_UP.toNanos()) {
                return;
            }
            refreshing = true;
        }
        lastHeard = System.nanoTime();
        pages.head(project).subscribe().with(this::refreshed, failure -> refreshed(-1));
    }

    private void refreshed(long head) {
        synchronized (this) {
            refreshing = false;
        }
        if (head >= 0) {
            started(head); // the first head known, or
            advanceTo(head); // entries nobody announced here: read from the database
        }
    }

    void lockChanged(LockEvent event) {
        subscriptions.forEach(subscription -> subscription.stream.notice(event));
    }

    /**
     * Without the feed's lock (the set is concurrent): a subscriber's end asks this holding the
     * change feed's map entry, and a subscriber dropped for lagging ends in its own stream, so
     * two ends at once would each wait for the other's lock.
     */
    boolean isIdle() {
        return subscriptions.isEmpty();
    }

    /** Once idle and forgotten by the change feed: no more head reads for its silence. */
    void close() {
        silenceCheck.cancel();
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
        private final SubscriberStream stream = new SubscriberStream(this::next);
        private boolean droppedOnce;
        private long behind;
        /** A read of the database for this subscriber alone is under way (its state version, a page). */
        private volatile boolean reading;
        /** What that read brought, for the next {@link #next()}. */
        private volatile List<EntryEvent> read;

        Subscription(long after, int allowance) {
            this.at = new ChainPosition(after, after == 0 ? 0 : -1);
            this.allowance = allowance;
        }

        /**
         * Every entry after the starting position, in order, each once (an {@code update_state}
         * preceded by its {@code state} event), then the live tail, with lock events as they
         * happen, as {@code renderer} makes them; once it is more than its allowance behind, the
         * renderer's farewell and the end.
         */
        <T> Multi<T> events(SubscriberStream.Renderer<T> renderer, Runnable onEnd) {
            return stream.events(renderer, onEnd);
        }

        /** Called by the stream alone, one thread at a time: the events that follow, or none for now. */
        private List<FeedEvent> next() {
            while (!reading) {
                List<EntryEvent> page = read;
                if (page == null && at.stateVersion() < 0) { // first the version to count on from
                    readAlone(pages.stateVersionAt(project, at.seq())
                            .invoke(version -> at.stateVersion(version))
                            .replaceWith(List.<EntryEvent>of()));
                    break;
                }
                if (page == null && (page = windowAfter(this, at.seq())) == null) {
                    readAlone(pages.page(project, at.seq(), Long.MAX_VALUE));
                    break;
                }
                read = null;
                if (page.isEmpty() && !live) {
                    continue; // the version was read, or a page from the database brought nothing new
                }
                if (page.isEmpty()) {
                    break; // it has everything: the feed signals when there is more
                }
                List<FeedEvent> events = new ArrayList<>(page.size() + 1);
                at.follow(page, events);
                if (!events.isEmpty()) {
                    return events;
                }
            }
            return List.of();
        }

        private void readAlone(Uni<List<EntryEvent>> reads) {
            reading = true;
            reads.subscribe().with(page -> {
                read = page;
                reading = false;
                stream.signal();
            }, stream::fail);
        }

        /** Under the feed's lock: whether it is more than its allowance behind {@code head}, once. */
        private boolean lagging(long head) {
            if (live && head - at.seq() > allowance && !droppedOnce) {
                droppedOnce = true;
                behind = head - at.seq();
                return true;
            }
            return false;
        }

        private void drop() {
            stream.fail(new SlowSubscriber(project, behind, allowance));
        }

        void close() {
            subscriptions.remove(this);
        }
    }
}
