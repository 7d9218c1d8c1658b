package io.devstate.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.chain.ActiveKey;
import io.devstate.chain.ActiveKeys;
import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainWriter;
import io.devstate.chain.EntryDraft;
import io.devstate.chain.EntryRules;
import io.devstate.chain.Keyring;
import io.devstate.chain.SystemAction;
import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.database.Database;
import io.devstate.metrics.DevStateMetrics;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;

/** Key rotation: activate a configured kid for every replica and record it in the chain. */
@ApplicationScoped
public class KeyService {

    private final Database database;
    private final Keyring keyring;
    private final ActiveKeys activeKeys;
    private final ChainWriter writer;
    private final DevStateMetrics metrics;

    public KeyService(Database database, Keyring keyring, ActiveKeys activeKeys, ChainWriter writer,
            DevStateMetrics metrics) {
        this.database = database;
        this.keyring = keyring;
        this.activeKeys = activeKeys;
        this.writer = writer;
        this.metrics = metrics;
    }

    public Uni<ActiveKey> active() {
        return database.read(activeKeys::current);
    }

    public record Rotation(ActiveKey key, ChainEntry entry) {
    }

    /**
     * Activates {@code kid} and appends a {@code key_rotated} entry, signed with the new key, to the
     * project's chain — a job of its chain writer, so the rotation and its record commit together,
     * and the writes after it in the same batch are signed with the new key.
     */
    public Uni<Rotation> rotate(String project, String kid, String actor, String principal, ObjectNode audit) {
        if (kid == null || !keyring.knows(kid)) {
            return Uni.createFrom().failure(new Invalid("kid '" + kid + "' is not configured; add it to "
                    + "DEVSTATE_HMAC_KEYS or DEVSTATE_HMAC_KEYS_FILE on every replica first").with("field", "kid"));
        }
        long start = System.nanoTime();
        return writer.submit(project, batch -> {
            String previousKid = batch.kid();
            batch.useKid(kid);
            ChainEntry entry = batch.append(rotationDraft(actor, principal, audit, previousKid, kid));
            return activeKeys.activate(batch.tx(), kid).map(activated -> new Rotation(activated, entry));
        }).invoke(rotation -> metrics.appended(project, 1, start));
    }

    private static EntryDraft rotationDraft(String actor, String principal, ObjectNode audit, String previousKid,
            String kid) {
        ObjectNode metadata = audit == null ? Json.object() : audit.deepCopy();
        metadata.put("kid", kid);
        metadata.put("previous_kid", previousKid);
        return new EntryDraft(actor, SystemAction.KEY_ROTATED.action(), null, null, null, EntryRules.metadata(metadata), principal);
    }
}
