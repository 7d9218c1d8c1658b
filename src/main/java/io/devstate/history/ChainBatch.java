package io.devstate.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Supplier;

import io.devstate.common.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The open group transaction of one project's chain: the advisory lock is held, the signing kid and
 * the head have been read. Entries are signed in memory as jobs append them and inserted together
 * before the commit. Used by one batch at a time, on the thread that runs it: not thread-safe.
 */
public final class ChainBatch {

    private final SqlConnection tx;
    private final String project;
    private final String kid;
    private final ChainSigner signer;
    private final AuditMetadata audit;
    private final List<ChainEntry> entries = new ArrayList<>();
    private final Map<Object, Object> shared = new HashMap<>();
    private final List<Supplier<Uni<Void>>> beforeCommit = new ArrayList<>();
    /** The head as the transaction found it. */
    private final ChainHead opened;
    private ChainHead head;

    ChainBatch(SqlConnection tx, String project, String kid, ChainHead head, ChainSigner signer,
            AuditMetadata audit) {
        this.tx = tx;
        this.project = project;
        this.kid = kid;
        this.opened = head;
        this.head = head;
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

    /** Signs the entry that follows the current head; it is inserted with the batch, before the commit. */
    public ChainEntry append(EntryDraft draft) {
        ChainEntry entry = signer.signNext(head, project, Timestamps.format(Timestamps.now()), audit.finish(draft),
                kid);
        entries.add(entry);
        head = new ChainHead(entry.seq(), entry.hmac());
        return entry;
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

    /** Where the batch stands before a job runs, so the job's entries can be dropped if it refuses. */
    /** An entry this batch appended and has not inserted yet (it is inserted just before the commit). */
    Optional<ChainEntry> pending(long seq) {
        return entries.stream().filter(entry -> entry.seq() == seq).findFirst();
    }

        int mark() {
        return entries.size();
    }

    void dropAfter(int mark) {
        if (entries.size() > mark) {
            entries.subList(mark, entries.size()).clear();
            head = mark == 0 ? opened : new ChainHead(entries.get(mark - 1).seq(), entries.get(mark - 1).hmac());
        }
    }

    List<ChainEntry> entries() {
        return entries;
    }

    List<Supplier<Uni<Void>>> beforeCommitSteps() {
        return beforeCommit;
    }
}
