package io.devstate.events;

import io.devstate.chain.ChainReader;
import io.devstate.chain.ChainWriter;
import io.devstate.common.RateLimited;
import io.devstate.config.DevStateConfig;
import io.devstate.database.Database;
import io.devstate.state.StateChanges;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * The change feed of this replica: every commit that appended entries is announced on
 * {@link ChainWriter#CHANGES_CHANNEL} (by whichever replica wrote it), and each project someone
 * listens to here has one {@link ProjectFeed} that reads the announced entries once and hands them
 * to its subscribers. A subscriber that resumes (Last-Event-ID) first reads what it missed from the
 * database, so it gets every entry once, in order, without gaps.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    /** Entries read at a time, live or when a subscriber catches up. */
    static final int PAGE = 500;

    private final StateChanges notifications;
    private final Database database;
    private final ChainReader reader;
    private final int maxBuffered;
    private final int maxPerPrincipal;
    private final Map<String, ProjectFeed> feeds = new ConcurrentHashMap<>();
    /** Open feeds per caller; a caller with none has no entry, so the map holds only who is listening. */
    private final Map<String, Integer> openPerCaller = new ConcurrentHashMap<>();

    public ChangeFeed(StateChanges notifications, Database database, ChainReader reader, DevStateConfig config) {
        this.notifications = notifications;
        this.database = database;
        this.reader = reader;
        this.maxBuffered = config.events().maxBuffered();
        this.maxPerPrincipal = config.events().maxPerPrincipal();
    }

    void start(@Observes StartupEvent event) {
        notifications.listen(ChainWriter.CHANGES_CHANNEL, this::announced);
    }

    /** {@code <project> <head seq>}: the project's chain now ends at that seq. */
    private void announced(String payload) {
        int space = payload.lastIndexOf(' ');
        if (space <= 0) {
            return;
        }
        ProjectFeed feed = feeds.get(payload.substring(0, space));
        if (feed != null) {
            try {
                feed.advanceTo(Long.parseLong(payload.substring(space + 1)));
            } catch (NumberFormatException notOurs) {
                LOG.debugf("ignored a payload on %s: %s", ChainWriter.CHANGES_CHANNEL, payload);
            }
        }
    }

    /**
     * The entries of {@code project} after seq {@code after}, then the live tail, until the
     * subscriber goes away; counted against {@code caller}'s open feeds on this replica.
     */
    public Multi<EntryEvent> subscribe(String project, long after, String caller) {
        if (openPerCaller.merge(caller, 1, Integer::sum) > maxPerPrincipal) {
            closed(caller);
            throw new RateLimited("this caller already has " + maxPerPrincipal
                    + " change feeds open on this replica (DEVSTATE_EVENTS_MAX_PER_PRINCIPAL)", 1);
        }
        ProjectFeed.Subscription subscription = feed(project).subscribe(after, maxBuffered);
        return subscription.events()
                .onTermination().invoke(() -> {
                    subscription.close();
                    closed(caller);
                    feeds.computeIfPresent(project, (name, feed) -> feed.isIdle() ? null : feed);
                });
    }

    private ProjectFeed feed(String project) {
        return feeds.computeIfAbsent(project, name -> new ProjectFeed(name, pages));
    }

    /** The database reads of every project's feed. */
    private final ProjectFeed.Pages pages = new ProjectFeed.Pages() {
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
        public Uni<Long> head(String project) {
            return database.read(db -> reader.head(db, project)).map(head -> head.seq());
        }
    };

    private void closed(String caller) {
        openPerCaller.computeIfPresent(caller, (name, open) -> open == 1 ? null : open - 1);
    }
}
