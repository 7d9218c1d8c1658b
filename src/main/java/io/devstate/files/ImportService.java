package io.devstate.files;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.common.BadRequest;
import io.devstate.common.Conflict;
import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.history.ChainEntry;
import io.devstate.history.ChainHead;
import io.devstate.history.ChainSigner;
import io.devstate.history.ChainVerifier;
import io.devstate.history.HistoryRepository;
import io.devstate.history.HistoryService;
import io.devstate.history.VerifyResult;
import io.devstate.metrics.DevStateMetrics;
import io.devstate.state.StateCache;
import io.devstate.state.StateRepository;
import io.devstate.state.StateSchema;
import io.devstate.state.StoredState;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.devstate.database.Database;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Loads exported files. Everything is checked before anything is written, and the write is one
 * transaction under the chain lock: an import creates, extends or leaves a project as it was.
 */
@ApplicationScoped
public class ImportService {

    static final int COMPARE_PAGE = 1000;
    static final int INSERT_BATCH = 500;
    private static final String UPDATE_STATE = "update_state";
    private static final Set<String> KNOWN_FILES = Set.of(FilesResult.STATE_FILE, FilesResult.HISTORY_FILE);

    private final Database database;
    private final HistoryService historyService;
    private final HistoryRepository history;
    private final StateRepository states;
    private final StateSchema schema;
    private final ChainSigner signer;
    private final DevStateMetrics metrics;
    private final StateCache cache;

    public ImportService(Database database, HistoryService historyService, HistoryRepository history, StateRepository states,
            StateSchema schema, ChainSigner signer, DevStateMetrics metrics, StateCache cache) {
        this.metrics = metrics;
        this.cache = cache;
        this.database = database;
        this.historyService = historyService;
        this.history = history;
        this.states = states;
        this.schema = schema;
        this.signer = signer;
    }

    /** What the files say, checked: a valid chain and, when the chain changed state, the matching state. */
    record Checked(List<ChainEntry> entries, StoredState state) {
    }

    public Uni<FilesResult.ImportResult> importFiles(String project, FilesResult.ImportFiles body) {
        long start = System.nanoTime();
        return Uni.createFrom().item(() -> check(project, body))
                // Verifying every hmac of a long file is CPU work: keep it off the event loop.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(checked -> database.transaction(tx -> historyService.lockChain(tx, project)
                        .chain(() -> history.head(tx, project))
                        .chain(head -> apply(tx, project, head, checked))))
                .invoke(result -> cache.invalidate(project))
                .invoke(result -> metrics.appended(project, result.imported(), start));
    }

    Checked check(String project, FilesResult.ImportFiles body) {
        if (body == null || body.files() == null) {
            throw new BadRequest("body must be {\"files\": {\".trae/history.json\": \"...\"}}");
        }
        Map<String, String> files = body.files();
        for (String name : files.keySet()) {
            if (!KNOWN_FILES.contains(name)) {
                throw new Invalid("unknown file " + name + "; expected " + KNOWN_FILES).with("field", "files");
            }
        }
        String historyText = files.get(FilesResult.HISTORY_FILE);
        if (historyText == null) {
            throw new Invalid(FilesResult.HISTORY_FILE + " is required").with("field", "files");
        }
        List<ChainEntry> entries = HistoryFile.parse(historyText, project);
        verifyChain(entries);
        return new Checked(entries, checkState(project, entries, files.get(FilesResult.STATE_FILE)));
    }

    private void verifyChain(List<ChainEntry> entries) {
        ChainVerifier verifier = ChainVerifier.fromGenesis(signer);
        for (ChainEntry entry : entries) {
            if (!verifier.accept(entry)) {
                VerifyResult.Failure failure = verifier.result().failure();
                throw new Invalid("entry " + failure.seq() + " of " + FilesResult.HISTORY_FILE + " fails verification: "
                        + failure.reason()).with("seq", failure.seq()).with("reason", failure.reason());
            }
            if ("tombstone".equals(entry.action()) && !validTombstone(entry)) {
                throw new Invalid("entry " + entry.seq() + " is a tombstone without an earlier target_seq")
                        .with("seq", entry.seq());
            }
        }
    }

    private static boolean validTombstone(ChainEntry entry) {
        JsonNode target = entry.metadata() == null ? null : entry.metadata().get("target_seq");
        return target != null && target.canConvertToExactIntegral() && target.asLong() >= 1
                && target.asLong() < entry.seq();
    }

    /** The state file must be the state the chain's last {@code update_state} entry recorded. */
    private StoredState checkState(String project, List<ChainEntry> entries, String stateText) {
        List<ChainEntry> updates = entries.stream().filter(entry -> UPDATE_STATE.equals(entry.action())).toList();
        if (updates.isEmpty()) {
            if (stateText != null) {
                throw new Invalid(FilesResult.STATE_FILE + " is given but the history records no update_state")
                        .with("field", "files");
            }
            return null;
        }
        if (stateText == null) {
            throw new Invalid(FilesResult.STATE_FILE + " is required: the history records state updates")
                    .with("field", "files");
        }
        JsonNode document = Json.parse(stateText, FilesResult.STATE_FILE);
        if (!document.isObject()) {
            throw new Invalid(FilesResult.STATE_FILE + " must be a JSON object");
        }
        Json.requireStorable(document, FilesResult.STATE_FILE);
        schema.validate(document, FilesResult.STATE_FILE);
        JsonNode canonical = Json.normalise(document);
        String checksum = Json.checksum(canonical);
        ChainEntry lastUpdate = updates.get(updates.size() - 1);
        if (!checksum.equals(lastUpdate.stateChecksum())) {
            throw new Invalid(FilesResult.STATE_FILE + " has checksum " + checksum + " but entry " + lastUpdate.seq()
                    + " recorded " + lastUpdate.stateChecksum()).with("seq", lastUpdate.seq());
        }
        return new StoredState(project, canonical, checksum, updates.size(), lastUpdate.ts());
    }

    private Uni<FilesResult.ImportResult> apply(SqlConnection tx, String project, ChainHead head, Checked checked) {
        List<ChainEntry> entries = checked.entries();
        if (head.seq() > entries.size()) {
            return Uni.createFrom().failure(new Conflict("the database chain of '" + project + "' has " + head.seq()
                    + " entries, the file only " + entries.size() + "; export before importing")
                    .with("seq", entries.size() + 1L));
        }
        return comparePrefix(tx, project, entries, 0, head.seq())
                .chain(() -> write(tx, project, head, checked));
    }

    /** Fails with 409 at the first seq where the database chain and the file differ. */
    private Uni<Void> comparePrefix(SqlConnection tx, String project, List<ChainEntry> entries, long afterSeq,
            long headSeq) {
        if (afterSeq >= headSeq) {
            return Uni.createFrom().voidItem();
        }
        return history.range(tx, project, afterSeq, headSeq, COMPARE_PAGE)
                .chain(page -> {
                    for (ChainEntry stored : page) {
                        ChainEntry inFile = entries.get((int) stored.seq() - 1);
                        if (!inFile.hmac().equals(stored.hmac())) {
                            return Uni.createFrom().failure(new Conflict("the file and the database chain of '"
                                    + project + "' diverge at seq " + stored.seq()).with("seq", stored.seq()));
                        }
                    }
                    return page.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : comparePrefix(tx, project, entries, page.get(page.size() - 1).seq(), headSeq);
                });
    }

    private Uni<FilesResult.ImportResult> write(SqlConnection tx, String project, ChainHead head, Checked checked) {
        List<ChainEntry> entries = checked.entries();
        List<ChainEntry> missing = entries.subList((int) head.seq(), entries.size());
        String outcome = head.isEmpty() ? (entries.isEmpty() ? "unchanged" : "created")
                : missing.isEmpty() ? "unchanged" : "appended";
        FilesResult.Head newHead = entries.isEmpty() ? null
                : new FilesResult.Head(entries.get(entries.size() - 1).seq(), entries.get(entries.size() - 1).hmac());
        FilesResult.ImportResult result = new FilesResult.ImportResult(project, outcome, missing.size(), newHead);
        if (missing.isEmpty()) {
            return Uni.createFrom().item(result);
        }
        return insertBatches(tx, missing, 0)
                .chain(() -> checked.state() == null ? Uni.createFrom().voidItem() : states.save(tx, checked.state()))
                .replaceWith(result);
    }

    private Uni<Void> insertBatches(SqlConnection tx, List<ChainEntry> entries, int from) {
        if (from >= entries.size()) {
            return Uni.createFrom().voidItem();
        }
        int to = Math.min(entries.size(), from + INSERT_BATCH);
        return history.insertAll(tx, entries.subList(from, to))
                .chain(() -> insertBatches(tx, entries, to));
    }
}
