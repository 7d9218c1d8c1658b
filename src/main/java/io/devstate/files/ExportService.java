package io.devstate.files;

import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainHead;
import io.devstate.chain.ChainReader;
import io.devstate.chain.LogReader;
import io.devstate.common.Json;
import io.devstate.common.NotFound;
import io.devstate.database.Database;
import io.devstate.state.StateService;
import io.devstate.state.StoredState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Renders a project's files. State and chain head are read in one repeatable-read transaction (a
 * consistent snapshot); the entries up to that head are then read page by page as the response is
 * written, so an export never holds the whole chain. That is safe outside the transaction because
 * history rows are immutable (the table's triggers reject update, delete and truncate).
 */
@ApplicationScoped
public class ExportService {

    static final int PAGE_SIZE = 1000;

    private final Database database;
    private final StateService states;
    private final ChainReader history;
    private final LogReader log;

    public ExportService(Database database, StateService states, ChainReader history, LogReader log) {
        this.database = database;
        this.states = states;
        this.history = history;
        this.log = log;
    }

    /** The snapshot to stream; fails with 404 before any byte is sent when the project is unknown. */
    public Uni<ExportStream> open(String project) {
        return database.transaction(tx -> tx.query("set transaction isolation level repeatable read, read only")
                .execute()
                .chain(() -> Uni.combine().all().unis(states.stored(tx, project), history.head(tx, project)).asTuple())
                .chain(snapshot -> log.checkpointCovering(tx, project, snapshot.getItem2().seq())
                        .map(checkpoint -> stream(project, snapshot.getItem1(), snapshot.getItem2(), checkpoint))));
    }

    /**
     * The whole export in memory, for callers that return the file texts in one message (MCP),
     * when it has at most {@code maxChars} characters; empty when it is larger, found out after
     * reading at most one page past the limit (the rest is never read).
     */
    public Uni<Optional<FilesResult.ExportFiles>> exportWithin(String project, long maxChars) {
        return open(project).chain(export -> collectWithin(export, maxChars));
    }

    private ExportStream stream(String project, Optional<StoredState> state, ChainHead head,
            Optional<LogReader.Checkpoint> checkpoint) {
        if (state.isEmpty() && head.isEmpty()) {
            throw new NotFound("project '" + project + "' has no state and no history");
        }
        return new ExportStream(project, state.map(found -> Json.renderFile(found.document())),
                historyText(project, head.seq()), checkpoint.map(LogReader.Checkpoint::note));
    }

    /** Header, one piece per page of entries, tail; pages are read only as the consumer asks for them. */
    private Multi<String> historyText(String project, long headSeq) {
        return Multi.createFrom().deferred(() -> {
            HistoryFile.Writer writer = new HistoryFile.Writer(project);
            Multi<String> pages = entryPages(project, headSeq).map(writer::entries);
            return Multi.createBy().concatenating().streams(
                    Multi.createFrom().item(writer::header), pages, Multi.createFrom().item(writer::tail));
        });
    }

    private Multi<List<ChainEntry>> entryPages(String project, long headSeq) {
        if (headSeq == 0) {
            return Multi.createFrom().empty();
        }
        return Multi.createBy().repeating()
                .uni(PageCursor::new, cursor -> database.read(db -> history.range(db, project, cursor.afterSeq, headSeq, PAGE_SIZE))
                        .invoke(cursor::advance))
                .whilst(page -> !page.isEmpty() && page.get(page.size() - 1).seq() < headSeq);
    }

    /** Where the next page starts; one per subscription. */
    private static final class PageCursor {
        private long afterSeq;

        void advance(List<ChainEntry> page) {
            if (!page.isEmpty()) {
                afterSeq = page.get(page.size() - 1).seq();
            }
        }
    }

    private static Uni<Optional<FilesResult.ExportFiles>> collectWithin(ExportStream export, long maxChars) {
        StringBuilder history = new StringBuilder();
        AtomicBoolean cut = new AtomicBoolean();
        long stateChars = export.stateText().map(String::length).orElse(0);
        return export.historyText()
                .select().first(piece -> {
                    if (stateChars + history.length() + piece.length() > maxChars) {
                        cut.set(true); // stops the stream: no further page is read
                        return false;
                    }
                    history.append(piece);
                    return true;
                })
                .collect().last()
                .map(last -> {
                    if (cut.get()) {
                        return Optional.<FilesResult.ExportFiles>empty();
                    }
                    Map<String, String> files = new LinkedHashMap<>();
                    export.stateText().ifPresent(text -> files.put(FilesResult.STATE_FILE, text));
                    files.put(FilesResult.HISTORY_FILE, history.toString());
                    export.checkpointText().ifPresent(text -> files.put(FilesResult.CHECKPOINT_FILE, text));
                    return Optional.of(new FilesResult.ExportFiles(export.project(), files));
                });
    }
}
