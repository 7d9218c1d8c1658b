package io.devstate.files;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.devstate.common.Json;
import io.devstate.common.NotFound;
import io.devstate.history.ChainEntry;
import io.devstate.history.HistoryRepository;
import io.devstate.state.StateRepository;
import io.devstate.state.StoredState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Renders a project's files. State and chain are read in one transaction (a consistent snapshot),
 * the chain page by page.
 */
@ApplicationScoped
public class ExportService {

    static final int PAGE_SIZE = 1000;

    private final Pool pool;
    private final StateRepository states;
    private final HistoryRepository history;

    public ExportService(Pool pool, StateRepository states, HistoryRepository history) {
        this.pool = pool;
        this.states = states;
        this.history = history;
    }

    public Uni<FilesResult.ExportFiles> export(String project) {
        return pool.withTransaction(tx -> tx.query("set transaction isolation level repeatable read, read only")
                .execute()
                .chain(() -> states.find(tx, project))
                .chain(state -> renderHistory(tx, project, new HistoryFile.Writer(project), 0, 0)
                        .map(rendered -> files(project, state, rendered))));
    }

    private record Rendered(String text, long entries) {
    }

    private Uni<Rendered> renderHistory(SqlConnection tx, String project, HistoryFile.Writer writer, long afterSeq,
            long count) {
        return history.range(tx, project, afterSeq, PAGE_SIZE)
                .chain(page -> nextPage(tx, project, writer, page, count));
    }

    private Uni<Rendered> nextPage(SqlConnection tx, String project, HistoryFile.Writer writer, List<ChainEntry> page,
            long count) {
        page.forEach(writer::add);
        if (page.size() < PAGE_SIZE) {
            return Uni.createFrom().item(new Rendered(writer.finish(), count + page.size()));
        }
        return renderHistory(tx, project, writer, page.get(page.size() - 1).seq(), count + page.size());
    }

    private static FilesResult.ExportFiles files(String project, Optional<StoredState> state, Rendered history) {
        if (state.isEmpty() && history.entries() == 0) {
            throw new NotFound("project '" + project + "' has no state and no history");
        }
        Map<String, String> files = new LinkedHashMap<>();
        state.ifPresent(found -> files.put(FilesResult.STATE_FILE, Json.renderFile(found.document())));
        files.put(FilesResult.HISTORY_FILE, history.text());
        return new FilesResult.ExportFiles(project, files);
    }
}
