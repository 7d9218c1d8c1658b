package io.devstate.history;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.Conflict;
import io.devstate.common.Json;
import io.devstate.common.NotFound;
import io.devstate.common.Params;
import io.devstate.common.PreconditionFailed;
import io.devstate.common.Timestamps;
import io.devstate.keys.ActiveKeys;
import io.devstate.metrics.DevStateMetrics;
import io.smallrye.mutiny.Uni;
import io.devstate.database.Database;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Owns the chain invariant. Every append — direct, state update, tombstone, key rotation — takes
 * the project's advisory lock inside a transaction, reads the active kid and the head, signs the
 * next entry and inserts it. Direct appends and state updates do so in group transactions
 * ({@link ChainWriter}); the rarer writes here keep a transaction of their own. (Import inserts
 * entries that are already signed, under the same lock.)
 */
@ApplicationScoped
public class HistoryService {


    private final Database database;
    private final HistoryRepository repository;
    private final ChainSigner signer;
    private final ActiveKeys activeKeys;
    private final AuditMetadata audit;
    private final DevStateMetrics metrics;
    private final ChainWriter writer;
    private final IdempotencyKeys idempotency;

    public HistoryService(Database database, HistoryRepository repository, ChainSigner signer, ActiveKeys activeKeys,
            AuditMetadata audit, DevStateMetrics metrics, ChainWriter writer, IdempotencyKeys idempotency) {
        this.idempotency = idempotency;
        this.database = database;
        this.writer = writer;
        this.repository = repository;
        this.signer = signer;
        this.activeKeys = activeKeys;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Committed in a group transaction with the project's other concurrent writes (see {@link ChainWriter}). */
    public Uni<ChainEntry> append(String project, EntryDraft draft) {
        return append(project, draft, Optional.empty()).map(Idempotent::result);
    }

    /** With a key, a retry of the same request answers the first one's entry and appends nothing. */
    public Uni<Idempotent<ChainEntry>> append(String project, EntryDraft draft, Optional<IdempotencyKey> key) {
        long start = System.nanoTime();
        return writer.submit(project, batch -> idempotency.once(batch, key,
                () -> Uni.createFrom().item(batch.append(draft)),
                entry -> new IdempotencyKeys.Prior(entry.seq(), null),
                IdempotencyKeys.Replay::entry))
                .invoke(appended -> metrics.appended(project, appended.replayed() ? 0 : 1, start))
                .onFailure().invoke(metrics::appendFailed);
    }

    /** Appends within the caller's transaction, so the entry commits with the caller's change or not at all. */
    public Uni<ChainEntry> appendInTransaction(SqlConnection tx, String project, EntryDraft draft) {
        EntryDraft finished = audit.finish(draft);
        return repository.lockChain(tx, project)
                .chain(() -> activeKeys.signingKid(tx))
                .chain(kid -> repository.head(tx, project)
                        .map(head -> signer.signNext(head, project, Timestamps.format(Timestamps.now()), finished, kid)))
                .call(entry -> repository.insert(tx, entry));
    }

    /** Takes the project's chain lock for a read-modify-write that ends in an append. */
    public Uni<Void> lockChain(SqlConnection tx, String project) {
        return repository.lockChain(tx, project);
    }

    /**
     * Read-your-writes for history reads: fails with 412 unless the chain already holds
     * {@code minSeq} (0: no condition). Reads that follow see at least that head.
     */
    public Uni<Void> requireIncludes(String project, long minSeq) {
        if (minSeq == 0) {
            return Uni.createFrom().voidItem();
        }
        return database.read(db -> repository.head(db, project))
                .invoke(head -> {
                    if (head.seq() < minSeq) {
                        throw new PreconditionFailed(Params.MIN_SEQ_HEADER + " " + minSeq
                                + " is above the chain head " + head.seq());
                    }
                })
                .replaceWithVoid();
    }

    public Uni<HistoryRecord> get(String project, long seq) {
        return database.read(db -> repository.find(db, project, seq))
                .map(found -> found.orElseThrow(() -> notFound(project, seq)));
    }

    public Uni<List<HistoryRecord>> search(HistoryQuery query) {
        return database.read(db -> repository.search(db, query));
    }

    /** Marks an entry as withdrawn by appending a tombstone; the entry itself stays in the chain. */
    public Uni<ChainEntry> tombstone(String project, long targetSeq, String actor, String principal,
            ObjectNode metadata) {
        long start = System.nanoTime();
        return database.transaction(tx -> repository.lockChain(tx, project)
                .chain(() -> repository.find(tx, project, targetSeq))
                .map(found -> tombstoneDraft(project, targetSeq, found, actor, principal, metadata))
                .chain(draft -> appendInTransaction(tx, project, draft)))
                .invoke(entry -> metrics.appended(project, 1, start));
    }

    private static EntryDraft tombstoneDraft(String project, long targetSeq, Optional<HistoryRecord> found,
            String actor, String principal, ObjectNode metadata) {
        HistoryRecord target = found.orElseThrow(() -> notFound(project, targetSeq));
        if (SystemAction.TOMBSTONE.is(target.entry().action())) {
            throw new Conflict("entry " + targetSeq + " is a tombstone; tombstones cannot be withdrawn")
                    .with("seq", targetSeq);
        }
        if (target.tombstonedBy() != null) {
            throw new Conflict("entry " + targetSeq + " is already tombstoned by entry " + target.tombstonedBy())
                    .with("seq", targetSeq);
        }
        ObjectNode tombstoneMetadata = metadata == null ? Json.object() : metadata.deepCopy();
        tombstoneMetadata.put("target_seq", targetSeq);
        return new EntryDraft(actor, SystemAction.TOMBSTONE.action(), null, null, null, EntryRules.metadata(tombstoneMetadata),
                principal);
    }

    private static NotFound notFound(String project, long seq) {
        return new NotFound("project '" + project + "' has no history entry " + seq);
    }
}
