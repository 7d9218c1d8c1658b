package io.devstate.history;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.chain.Appended;
import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainReader;
import io.devstate.chain.ChainWriter;
import io.devstate.chain.EntryDraft;
import io.devstate.chain.EntryRules;
import io.devstate.chain.HistoryQuery;
import io.devstate.chain.HistoryRecord;
import io.devstate.chain.IdempotencyKey;
import io.devstate.chain.IdempotencyKeys;
import io.devstate.chain.Idempotent;
import io.devstate.chain.SystemAction;
import io.devstate.common.Conflict;
import io.devstate.common.HeaderNames;
import io.devstate.common.Json;
import io.devstate.common.NotFound;
import io.devstate.common.PreconditionFailed;
import io.devstate.database.Database;
import io.devstate.metrics.DevStateMetrics;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The history feature: appends and tombstones as jobs of the project's chain writer (see
 * {@link ChainWriter}), reads through the chain reader.
 */
@ApplicationScoped
public class HistoryService {

    private final Database database;
    private final ChainReader reader;
    private final DevStateMetrics metrics;
    private final ChainWriter writer;
    private final IdempotencyKeys idempotency;

    public HistoryService(Database database, ChainReader reader, DevStateMetrics metrics, ChainWriter writer,
            IdempotencyKeys idempotency) {
        this.database = database;
        this.reader = reader;
        this.metrics = metrics;
        this.writer = writer;
        this.idempotency = idempotency;
    }

    /** Committed in a group transaction with the project's other concurrent writes (see {@link ChainWriter}). */
    public Uni<Appended> append(String project, EntryDraft draft) {
        return append(project, draft, Optional.empty()).map(Idempotent::result);
    }

    /** With a key, a retry of the same request answers the first one's entry and appends nothing. */
    public Uni<Idempotent<Appended>> append(String project, EntryDraft draft, Optional<IdempotencyKey> key) {
        long start = System.nanoTime();
        return writer.submit(project, batch -> idempotency.once(batch, key,
                () -> Uni.createFrom().item(Appended.in(batch, batch.append(draft))),
                appended -> new IdempotencyKeys.Prior(appended.entry().seq(), null),
                replay -> Appended.in(batch, replay.entry())))
                .invoke(appended -> metrics.appended(project, appended.replayed() ? 0 : 1, start))
                .onFailure().invoke(metrics::appendFailed);
    }

    /**
     * Read-your-writes for history reads: fails with 412 unless the chain already holds
     * {@code minSeq} (0: no condition). Reads that follow see at least that head.
     */
    public Uni<Void> requireIncludes(String project, long minSeq) {
        if (minSeq == 0) {
            return Uni.createFrom().voidItem();
        }
        return database.read(db -> reader.head(db, project))
                .invoke(head -> {
                    if (head.seq() < minSeq) {
                        throw new PreconditionFailed(HeaderNames.MIN_SEQ + " " + minSeq
                                + " is above the chain head " + head.seq());
                    }
                })
                .replaceWithVoid();
    }

    public Uni<HistoryRecord> get(String project, long seq) {
        return database.read(db -> reader.find(db, project, seq))
                .map(found -> found.orElseThrow(() -> notFound(project, seq)));
    }

    public Uni<List<HistoryRecord>> search(HistoryQuery query) {
        return database.read(db -> reader.search(db, query));
    }

    /** Marks an entry as withdrawn by appending a tombstone; the entry itself stays in the chain. */
    public Uni<Appended> tombstone(String project, long targetSeq, String actor, String principal,
            ObjectNode metadata) {
        long start = System.nanoTime();
        return writer.submit(project, batch -> batch.find(targetSeq)
                .map(found -> Appended.in(batch,
                        batch.append(tombstoneDraft(project, targetSeq, found, actor, principal, metadata)))))
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
