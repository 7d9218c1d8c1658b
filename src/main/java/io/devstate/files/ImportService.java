package io.devstate.files;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.chain.ChainBatch;
import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainHead;
import io.devstate.chain.ChainSigner;
import io.devstate.chain.ChainVerifier;
import io.devstate.chain.ChainWriter;
import io.devstate.chain.LogSigner;
import io.devstate.chain.MerkleHash;
import io.devstate.chain.TreeTiles;
import io.devstate.chain.SystemAction;
import io.devstate.chain.VerifyResult;
import io.devstate.common.BadRequest;
import io.devstate.common.Conflict;
import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.config.DevStateConfig;
import io.devstate.database.Deadline;
import io.devstate.metrics.DevStateMetrics;
import io.devstate.state.StateSchema;
import io.devstate.state.StateService;
import io.devstate.state.StoredState;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Loads exported files. Everything is checked before anything is written, and the write is one
 * job of the project's chain writer: an import creates, extends or leaves a project as it was.
 */
@ApplicationScoped
public class ImportService {

    static final int COMPARE_PAGE = 1000;
    static final int INSERT_BATCH = 500;
    private static final Set<String> KNOWN_FILES = Set.of(FilesResult.STATE_FILE, FilesResult.HISTORY_FILE,
            FilesResult.CHECKPOINT_FILE);

    private final ChainWriter writer;
    private final StateService states;
    private final StateSchema schema;
    private final ChainSigner signer;
    private final DevStateMetrics metrics;
    private final LogSigner logSigner;
    private final Deadline deadline;

    public ImportService(ChainWriter writer, StateService states, StateSchema schema, ChainSigner signer,
            DevStateMetrics metrics, LogSigner logSigner, DevStateConfig config) {
        this.writer = writer;
        this.states = states;
        this.schema = schema;
        this.signer = signer;
        this.metrics = metrics;
        this.logSigner = logSigner;
        // A 100,000-entry import takes longer than a request may (the native executable's did).
        this.deadline = Deadline.of("the import", config.database().importTimeout(), "DEVSTATE_IMPORT_TIMEOUT");
    }

    /**
     * What the files say, checked: a valid chain of {@code count} entries ending at {@code head}
     * and, when the chain changed state, the matching state. The entries themselves are not
     * kept: the write reads them from the text again, a batch at a time.
     */
    record Checked(String historyText, long count, FilesResult.Head head, StoredState state) {
    }

    public Uni<FilesResult.ImportResult> importFiles(String project, FilesResult.ImportFiles body) {
        long start = System.nanoTime();
        return Uni.createFrom().item(() -> check(project, body))
                // Verifying every hmac of a long file is CPU work: keep it off the event loop.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(checked -> writer.submit(project, batch -> apply(batch, checked), deadline))
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
        ChainVerifier verifier = ChainVerifier.fromGenesis(signer);
        String checkpoint = files.get(FilesResult.CHECKPOINT_FILE);
        // Leaves only when there is a checkpoint to hold them against (the writer hashes them anyway).
        TreeTiles tree = checkpoint == null ? null : TreeTiles.empty();
        ChainEntry last = null;
        ChainEntry lastUpdate = null;
        long count = 0;
        long updates = 0;
        try (HistoryFile.Reader reader = new HistoryFile.Reader(historyText, project)) {
            for (ChainEntry entry; (entry = reader.next()) != null;) {
                verify(verifier, entry);
                if (tree != null) {
                    tree.append(MerkleHash.leaf(ChainSigner.leafData(entry)));
                }
                if (SystemAction.UPDATE_STATE.is(entry.action())) {
                    lastUpdate = entry;
                    updates++;
                }
                last = entry;
                count++;
            }
        }
        if (checkpoint != null) {
            checkCheckpoint(project, checkpoint, tree);
        }
        FilesResult.Head head = last == null ? null : new FilesResult.Head(last.seq(), last.hmac());
        return new Checked(historyText, count, head,
                checkState(project, lastUpdate, updates, files.get(FilesResult.STATE_FILE)));
    }

    private static void verify(ChainVerifier verifier, ChainEntry entry) {
        if (!verifier.accept(entry)) {
            VerifyResult.Failure failure = verifier.result().failure();
            throw new Invalid("entry " + failure.seq() + " of " + FilesResult.HISTORY_FILE + " fails verification: "
                    + failure.reason()).with("seq", failure.seq()).with("reason", failure.reason());
        }
        if (SystemAction.TOMBSTONE.is(entry.action()) && !validTombstone(entry)) {
            throw new Invalid("entry " + entry.seq() + " is a tombstone without an earlier target_seq")
                    .with("seq", entry.seq());
        }
    }

    private static boolean validTombstone(ChainEntry entry) {
        JsonNode target = entry.metadata() == null ? null : entry.metadata().get("target_seq");
        return target != null && target.canConvertToExactIntegral() && target.asLong() >= 1
                && target.asLong() < entry.seq();
    }

    /**
     * The checkpoint file must be of the file's whole history: its size the entries', its root the
     * one recomputed from them. One that names this log's origin must also be this log's signature.
     */
    private void checkCheckpoint(String project, String note, TreeTiles tree) {
        LogSigner.CheckpointText text = LogSigner.parse(note);
        if (text == null) {
            throw new Invalid(FilesResult.CHECKPOINT_FILE + " is not a signed checkpoint note").with("field", "files");
        }
        if (text.size() != tree.size() || !Arrays.equals(text.root(), tree.root())) {
            throw new Invalid(FilesResult.CHECKPOINT_FILE + " is of a tree of " + text.size() + " entries that is not the"
                    + " tree of the " + tree.size() + " entries of " + FilesResult.HISTORY_FILE).with("field", "files");
        }
        if (text.origin().equals(logSigner.origin(project)) && !logSigner.signedHere(project, note)) {
            throw new Invalid(FilesResult.CHECKPOINT_FILE + " names this log (" + text.origin()
                    + ") but is not its signature").with("field", "files");
        }
    }

    /** The state file must be the state the chain's last {@code update_state} entry recorded. */
    private StoredState checkState(String project, ChainEntry lastUpdate, long updates, String stateText) {
        if (lastUpdate == null) {
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
        if (!checksum.equals(lastUpdate.stateChecksum())) {
            throw new Invalid(FilesResult.STATE_FILE + " has checksum " + checksum + " but entry " + lastUpdate.seq()
                    + " recorded " + lastUpdate.stateChecksum()).with("seq", lastUpdate.seq());
        }
        return new StoredState(project, canonical, checksum, updates, lastUpdate.ts());
    }

    /** Refuses (409) only before its first insert: the file is compared with the chain first. */
    private Uni<FilesResult.ImportResult> apply(ChainBatch batch, Checked checked) {
        String project = batch.project();
        ChainHead head = batch.head();
        if (head.seq() > checked.count()) {
            return Uni.createFrom().failure(new Conflict("the database chain of '" + project + "' has " + head.seq()
                    + " entries, the file only " + checked.count() + "; export before importing")
                    .with("seq", checked.count() + 1L));
        }
        long missing = checked.count() - head.seq();
        String outcome = head.isEmpty() ? (checked.count() == 0 ? "unchanged" : "created")
                : missing == 0 ? "unchanged" : "appended";
        FilesResult.ImportResult result = new FilesResult.ImportResult(project, outcome, missing, checked.head());
        if (missing == 0 && head.seq() == 0) {
            return Uni.createFrom().item(result);
        }
        HistoryFile.Reader file = new HistoryFile.Reader(checked.historyText(), project);
        return comparePrefix(batch, file, 0, head.seq())
                .chain(() -> missing == 0 ? Uni.createFrom().voidItem() : insertRest(batch, file))
                .chain(() -> missing == 0 || checked.state() == null
                        ? Uni.createFrom().voidItem()
                        : states.restore(batch, checked.state()))
                .eventually(file::close)
                .replaceWith(result);
    }

    /** Fails with 409 at the first seq where the database chain and the file (read alongside) differ. */
    private Uni<Void> comparePrefix(ChainBatch batch, HistoryFile.Reader file, long afterSeq, long headSeq) {
        if (afterSeq >= headSeq) {
            return Uni.createFrom().voidItem();
        }
        return batch.range(afterSeq, headSeq, COMPARE_PAGE)
                .chain(page -> Uni.createFrom().item(() -> file.next(page.size()))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .chain(inFile -> {
                            for (int i = 0; i < page.size(); i++) {
                                ChainEntry stored = page.get(i);
                                if (!inFile.get(i).hmac().equals(stored.hmac())) {
                                    return Uni.createFrom().failure(new Conflict("the file and the database chain of '"
                                            + batch.project() + "' diverge at seq " + stored.seq()).with("seq", stored.seq()));
                                }
                            }
                            return page.isEmpty()
                                    ? Uni.createFrom().voidItem()
                                    : comparePrefix(batch, file, page.get(page.size() - 1).seq(), headSeq);
                        }));
    }

    /** The file's entries after the database head, parsed (off the event loop) and inserted a batch at a time. */
    private Uni<Void> insertRest(ChainBatch batch, HistoryFile.Reader file) {
        return Uni.createFrom().item(() -> file.next(INSERT_BATCH))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(entries -> entries.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : batch.appendSigned(entries).chain(() -> insertRest(batch, file)));
    }
}
