package io.devstate.events;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.devstate.chain.ChainAnnouncement;
import io.devstate.chain.ChainAnnouncements;
import io.devstate.chain.ChainReader;
import io.devstate.chain.ChainWriter;
import io.devstate.common.Json;
import io.devstate.common.RateLimited;
import io.devstate.config.DevStateConfig;
import io.devstate.database.Database;
import io.devstate.locks.LockService;
import io.devstate.state.StateChanges;
import io.devstate.state.StateService;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * The change feed of this replica: every commit that appended entries is announced on
 * {@link ChainWriter#CHANGES_CHANNEL} (by whichever replica wrote it), and each project someone
 * listens to here has one {@link ProjectFeed} that reads the announced entries once and hands them
 * to its subscribers; lock changes come whole on {@link LockService#CHANGES_CHANNEL}. A subscriber
 * that resumes (Last-Event-ID) first reads what it missed from the database, so it gets every entry
 * once, in order, without gaps. While an admin follows every project, one {@link AllProjectsFeed}
 * hears every announcement too.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    /** Entries read at a time, live or when a subscriber catches up. */
    static final int PAGE = 500;

    private final StateChanges notifications;
    private final ChainAnnouncements announcements;
    private final Database database;
    private final ChainReader reader;
    private final StateService states;
    private final int maxBuffered;
    private final int maxPerPrincipal;
    private final Map<String, ProjectFeed> feeds = new ConcurrentHashMap<>();
    /** Open feeds per caller; a caller with none has no entry, so the map holds only who is listening. */
    private final Map<String, Integer> openPerCaller = new ConcurrentHashMap<>();
    /** While an admin listens to every project here; null otherwise. */
    private volatile AllProjectsFeed allProjects;

    public ChangeFeed(StateChanges notifications, ChainAnnouncements announcements, Database database, ChainReader reader,
            StateService states, DevStateConfig config) {
        this.notifications = notifications;
        this.announcements = announcements;
        this.database = database;
        this.reader = reader;
        this.states = states;
        this.maxBuffered = config.events().maxBuffered();
        this.maxPerPrincipal = config.events().maxPerPrincipal();
    }

    void start(@Observes StartupEvent event) {
        notifications.listen(ChainWriter.CHANGES_CHANNEL, this::announced);
        notifications.listen(LockService.CHANGES_CHANNEL, this::lockChanged);
        // Announcements made while the connection was away reached nobody: the all-projects feed
        // reads every head again (a project's feed reads its own head when it has been quiet).
        notifications.whenListening(() -> {
            AllProjectsFeed all = allProjects;
            if (all != null) {
                all.readHeads();
            }
        });
    }

    /** A {@link ChainAnnouncement}: the project's chain now ends at that seq. */
    private void announced(String payload) {
        ChainAnnouncement.parse(payload).ifPresentOrElse(
                head -> {
                    ProjectFeed feed = feeds.get(head.project());
                    AllProjectsFeed all = allProjects;
                    if (feed == null && all == null) {
                        return; // nobody here follows it: its entries are not even checked
                    }
                    ChainAnnouncement announcement = announcements.read(payload).orElse(head);
                    List<EntryEvent> carried = announcement.entries().stream()
                            .map(entry -> EntryEvent.of(announcement.project(), entry, announcement.head()))
                            .toList();
                    if (feed != null) {
                        feed.advanceTo(announcement.head(), carried);
                    }
                    if (all != null) {
                        all.advanceTo(announcement.project(), announcement.head(), carried);
                    }
                },
                () -> LOG.debugf("ignored a payload on %s: %s", ChainWriter.CHANGES_CHANNEL, payload));
    }

    /** A lock acquired, released or expired, as its JSON ({@link LockEvent}). */
    private void lockChanged(String payload) {
        LockEvent lock;
        try {
            lock = Json.mapper().readValue(payload, LockEvent.class);
        } catch (JsonProcessingException notOurs) {
            LOG.debugf("ignored a payload on %s: %s", LockService.CHANGES_CHANNEL, payload);
            return;
        }
        ProjectFeed feed = feeds.get(lock.project());
        if (feed != null) {
            feed.lockChanged(lock);
        }
        AllProjectsFeed all = allProjects;
        if (all != null) {
            all.lockChanged(lock);
        }
    }

    /**
     * The entries of {@code project} after seq {@code after}, then the live tail, as
     * {@code renderer} makes them, until the subscriber goes away (or, too far behind, is sent the
     * renderer's farewell); counted against {@code caller}'s open feeds on this replica.
     */
    public <T> Multi<T> subscribe(String project, long after, String caller, SubscriberStream.Renderer<T> renderer) {
        opened(caller);
        ProjectFeed.Subscription subscription = subscription(project, after);
        return subscription.events(renderer, () -> {
            subscription.close();
            closed(caller);
            feeds.computeIfPresent(project, (name, feed) -> {
                if (!feed.isIdle()) {
                    return feed;
                }
                feed.close();
                return null;
            });
        });
    }

    /**
     * Every project's changes from now on (live only, nothing replayed), as {@link #subscribe}
     * hands them; counted against {@code caller}'s open feeds on this replica like a project's feed.
     */
    public <T> Multi<T> subscribeAll(String caller, SubscriberStream.Renderer<T> renderer) {
        opened(caller);
        AllProjectsFeed.Subscription subscription;
        synchronized (this) {
            if (allProjects == null) {
                allProjects = new AllProjectsFeed(pages, maxBuffered);
            }
            subscription = allProjects.subscribe();
        }
        return subscription.events(renderer, () -> {
            closed(caller);
            synchronized (this) {
                subscription.close();
                if (allProjects != null && allProjects.isIdle()) {
                    allProjects = null;
                }
            }
        });
    }

    private void opened(String caller) {
        if (openPerCaller.merge(caller, 1, Integer::sum) > maxPerPrincipal) {
            closed(caller);
            throw new RateLimited("this caller already has " + maxPerPrincipal
                    + " change feeds open on this replica (DEVSTATE_EVENTS_MAX_PER_PRINCIPAL)", 1);
        }
    }

    /**
     * Joined under the map's lock of the project, as a feed is removed once idle: a subscriber
     * never lands on a feed that was just removed (and would hear only its head reads).
     */
    private ProjectFeed.Subscription subscription(String project, long after) {
        List<ProjectFeed.Subscription> joined = new ArrayList<>(1);
        feeds.compute(project, (name, existing) -> {
            ProjectFeed feed = existing != null ? existing : new ProjectFeed(name, pages);
            joined.add(feed.subscribe(after, maxBuffered));
            return feed;
        });
        return joined.get(0);
    }

    /** The database reads of every project's feed. */
    private final AllProjectsFeed.Source pages = new AllProjectsFeed.Source() {
        @Override
        public Uni<List<EntryEvent>> page(String project, long after, long through) {
            return database.read(db -> reader.range(db, project, after, through, PAGE))
                    .map(entries -> {
                        // Entries and their leaves commit together: the tree has at least the last one read.
                        long size = entries.isEmpty() ? after : entries.get(entries.size() - 1).seq();
                        return entries.stream().map(entry -> EntryEvent.of(entry, size)).toList();
                    });
        }

        @Override
        public Uni<Map<String, Long>> heads() {
            return database.read(db -> reader.heads(db));
        }

        @Override
        public Uni<Long> head(String project) {
            return database.read(db -> reader.head(db, project)).map(head -> head.seq());
        }

        @Override
        public Uni<Long> stateVersionAt(String project, long seq) {
            return states.versionAt(project, seq);
        }
    };

    private void closed(String caller) {
        openPerCaller.computeIfPresent(caller, (name, open) -> open == 1 ? null : open - 1);
    }
}
