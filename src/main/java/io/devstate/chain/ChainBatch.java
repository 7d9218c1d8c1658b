package io.devstate.chain;

import io.devstate.common.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The open group transaction of one project's chain: the advisory lock is held, the signing kid and
 * the head have been read. Entries are signed in memory as jobs append them and inserted together
 * before the commit. Used by one batch at a time, on the thread that runs it: not thread-safe.
 */
public final class ChainBatch {

    private final SqlConnection tx;
    private final String project;
    private final ChainStore store;
    private final ChainSigner signer;
    private final AuditMetadata audit;
    /** Appended and not inserted yet: inserted together just before the commit (or by {@link #flush}). */
    private final List<ChainEntry> pending = new ArrayList<>();
    private final Map<Object, Object> shared = new HashMap<>();
    private final List<Supplier<Uni<Void>>> beforeCommit = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    /** How many entries of this batch are already in the table: those cannot be dropped any more. */
    private long inserted;
    private long appended;
    private String kid;
    private ChainHead head;
    /** The project's Merkle tree: it grows as entries are inserted, and is written with the last insert. */
    private final TreeTiles log;
    private final List<TreeTiles.Tile> filledTiles = new ArrayList<>();
    /** The tree's size as committed before this batch: what it adds is stored from there on. */
    private final long logSizeAtOpen;
    private boolean logGrew;
    /** Handed out to this batch's results; their checkpoint size is the tree size this batch commits. */
    private final List<LogPosition> positions = new ArrayList<>();

    ChainBatch(SqlConnection tx, String project, String kid, ChainHead head, TreeTiles log, ChainStore store,
            ChainSigner signer, AuditMetadata audit) {
        this.tx = tx;
        this.project = project;
        this.kid = kid;
        this.head = head;
        this.log = log;
        this.logSizeAtOpen = log.size();
        this.store = store;
        this.signer = signer;
        this.audit = audit;
    }

    /** The transaction, for reads (and for writes in a {@link #beforeCommit} step). */
    public SqlConnection tx() {
        return tx;
    }

    public String project() {
        return project;
    }

    /** The chain as the jobs before this one left it. */
    public ChainHead head() {
        return head;
    }

    /** The kid new entries are signed with. */
    public String kid() {
        return kid;
    }

    /** Signs the entry that follows the current head; it is inserted with the batch, before the commit. */
    public ChainEntry append(EntryDraft draft) {
        ChainEntry entry = signer.signNext(head, project, Timestamps.format(Timestamps.now()), audit.finish(draft),
                kid);
        pending.add(entry);
        advance(entry);
        return entry;
    }

    /** Where {@code entry} (this batch's, or an earlier one a replay answers) is in the log this batch commits. */
    public LogPosition position(ChainEntry entry) {
        LogPosition position = new LogPosition(entry.seq() - 1);
        positions.add(position);
        return position;
    }

    /**
     * Entries signed elsewhere (an import, verified before its job ran) that continue the chain
     * from the current head, inserted now: an import can be far larger than a batch should hold.
     * After this the job must not refuse (its entries cannot be taken back; the whole batch would
     * fail instead).
     */
    public Uni<Void> appendSigned(List<ChainEntry> entries) {
        ChainHead at = head;
        for (ChainEntry entry : entries) {
            if (entry.seq() != at.seq() + 1 || !entry.hmacPrev().equals(at.hmac()) || !entry.project().equals(project)) {
                return Uni.createFrom().failure(new IllegalStateException("entry " + entry.seq() + " of " + entry.project()
                        + " does not continue the chain of " + project + " at seq " + at.seq()));
            }
            at = new ChainHead(entry.seq(), entry.hmac());
        }
        return flush()
                .chain(() -> store.insertAll(tx, entries))
                .invoke(() -> {
                    entries.forEach(this::advance);
                    inserted = appended;
                    addLeaves(entries);
                });
    }

    /** Signs later entries of this batch with {@code newKid}; undone if the job that asked refuses. */
    public void useKid(String newKid) {
        if (!signer.canSign(newKid)) {
            throw new IllegalStateException("kid '" + newKid + "' is not in this replica's keyring");
        }
        kid = newKid;
    }

    /** An entry and its tombstone, as the jobs before this one left the chain. */
    public Uni<Optional<HistoryRecord>> find(long seq) {
        return flush().chain(() -> store.find(tx, project, seq));
    }

    /** Up to {@code limit} entries with {@code afterSeq < seq <= throughSeq}, as the jobs before this one left them. */
    public Uni<List<ChainEntry>> range(long afterSeq, long throughSeq, int limit) {
        return flush().chain(() -> store.range(tx, project, afterSeq, throughSeq, limit));
    }

    /**
     * What jobs of one kind share within the batch (e.g. the running state document), loaded by the
     * first job that asks for it.
     */
    public <T> Uni<T> shared(Class<T> key, Supplier<Uni<T>> load) {
        Object value = shared.get(key);
        if (value != null) {
            return Uni.createFrom().item(key.cast(value));
        }
        return load.get()
                .invoke(loaded -> shared.put(key, loaded));
    }

    /** A write that runs once, after the entries are inserted and before the commit. */
    public void beforeCommit(Supplier<Uni<Void>> step) {
        beforeCommit.add(step);
    }

    /** Runs once the batch committed (e.g. dropping a cached copy of what it changed); not if it failed. */
    public void afterCommit(Runnable step) {
        afterCommit.add(step);
    }

    /** Inserts the pending entries now, so reads on {@link #tx()} see them. */
    private Uni<Void> flush() {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ChainEntry> entries = List.copyOf(pending);
        return store.insertAll(tx, entries)
                .invoke(() -> {
                    pending.subList(0, entries.size()).clear();
                    inserted += entries.size();
                    addLeaves(entries);
                });
    }

    /**
     * Adds entries to the tree as they are inserted (never while a job could still drop them),
     * hashing each once; a tile they fill is kept for the batch's last write.
     */
    void addLeaves(List<ChainEntry> entries) {
        for (ChainEntry entry : entries) {
            if (entry.seq() != log.size() + 1) {
                throw new IllegalStateException("entry " + entry.seq() + " of " + project + " is not leaf "
                        + (log.size() + 1) + " of its log");
            }
            filledTiles.addAll(log.append(MerkleHash.leaf(ChainSigner.leafData(entry))));
            logGrew = true;
        }
    }

    /** Whether this batch appended entries (which its commit announces). */
    boolean appendedEntries() {
        return appended > 0;
    }

    /** How many entries this batch appended (inserted already or not). */
    long appendedCount() {
        return appended;
    }

    /** Whether the tree has leaves this batch added, so its row must be written. */
    boolean logGrew() {
        return logGrew;
    }

    /** After the batch's last leaves: the size its commit publishes. */
    void sealPositions() {
        long size = log.size();
        positions.forEach(position -> position.committedAt(size));
    }

    TreeTiles log() {
        return log;
    }

    long logSizeAtOpen() {
        return logSizeAtOpen;
    }

    List<TreeTiles.Tile> filledTiles() {
        return filledTiles;
    }

    private void advance(ChainEntry entry) {
        head = new ChainHead(entry.seq(), entry.hmac());
        appended++;
    }

    /**
     * Where the batch stands before a job runs, so its entries and kid can be undone if it refuses.
     * Steps before and after the commit stay: they belong to what the job shares with later jobs.
     */
    record Mark(long appended, ChainHead head, String kid) {
    }

    Mark mark() {
        return new Mark(appended, head, kid);
    }

    /** Undoes what the jobs did since {@code mark}; false (nothing undone) when some of it is already in the table. */
    boolean dropAfter(Mark mark) {
        if (inserted > mark.appended()) {
            return false;
        }
        long dropped = appended - mark.appended();
        pending.subList((int) (pending.size() - dropped), pending.size()).clear();
        appended = mark.appended();
        head = mark.head();
        kid = mark.kid();
        return true;
    }

    /** An entry this batch appended and has not inserted yet. */
    Optional<ChainEntry> pending(long seq) {
        return pending.stream().filter(entry -> entry.seq() == seq).findFirst();
    }

    List<ChainEntry> pendingEntries() {
        return pending;
    }

    List<Supplier<Uni<Void>>> beforeCommitSteps() {
        return beforeCommit;
    }

    List<Runnable> afterCommitSteps() {
        return afterCommit;
    }
}
