package io.devstate.chain;

import io.devstate.config.DevStateConfig;
import io.devstate.database.Database;
import io.devstate.database.Deadline;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

/**
 * At start-up, gives every chain written before its project had a log (an upgrade from a version
 * without one) its leaves: one empty write per such project, whose batch adds the missing leaves
 * as every batch would ({@link ChainWriter}). In the background: the service serves meanwhile, and
 * a project's checkpoint covers the entries its log has so far.
 */
@ApplicationScoped
class LogBackfill {

    private static final Logger LOG = Logger.getLogger(LogBackfill.class);
    private static final String LAGGING = "select h.project from (select project, max(seq) as seq from history_entries "
            + "group by project) h left join log_heads l on l.project = h.project where coalesce(l.size, 0) < h.seq";

    private final Database database;
    private final ChainWriter writer;
    private final Deadline deadline;

    LogBackfill(Database database, ChainWriter writer, DevStateConfig config) {
        this.database = database;
        this.writer = writer;
        this.deadline = Deadline.of("adding a chain's entries to its log", config.database().importTimeout(),
                "DEVSTATE_IMPORT_TIMEOUT");
    }

    void onStart(@Observes StartupEvent started) {
        database.read(db -> db.query(LAGGING).execute()
                .map(rows -> {
                    List<String> projects = new ArrayList<>();
                    rows.forEach(row -> projects.add(row.getString(0)));
                    return projects;
                }))
                .onItem().transformToMulti(projects -> Multi.createFrom().iterable(projects))
                .onItem().transformToUniAndConcatenate(this::backfill)
                .collect().with(Collectors.counting())
                .subscribe().with(
                        count -> {
                            if (count > 0) {
                                LOG.infof("added the entries of %d chains written before their logs to the logs", count);
                            }
                        },
                        failure -> LOG.warnf("could not look for chains without logs: %s", failure.getMessage()));
    }

    private Uni<String> backfill(String project) {
        return writer.submit(project, batch -> Uni.createFrom().item(project), deadline)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("the log of %s could not catch up with its chain: %s", project, failure.getMessage());
                    return project;
                });
    }
}
