package io.devstate.keys;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.database.Database;
import io.devstate.history.ChainEntry;
import io.devstate.history.EntryDraft;
import io.devstate.history.EntryRules;
import io.devstate.history.HistoryService;
import io.devstate.history.SystemAction;
import io.smallrye.mutiny.Uni;

/** Key rotation: activate a configured kid for every replica and record it in the chain. */
@ApplicationScoped
public class KeyService {

    private final Database database;
    private final Keyring keyring;
    private final ActiveKeys activeKeys;
    private final HistoryService history;

    public KeyService(Database database, Keyring keyring, ActiveKeys activeKeys, HistoryService history) {
        this.database = database;
        this.keyring = keyring;
        this.activeKeys = activeKeys;
        this.history = history;
    }

    public Uni<ActiveKey> active() {
        return database.read(activeKeys::current);
    }

    public record Rotation(ActiveKey key, ChainEntry entry) {
    }

    /**
     * Activates {@code kid} and appends a {@code key_rotated} entry, signed with the new key, to the
     * project's chain — in one transaction, so the rotation and its record cannot come apart.
     */
    public Uni<Rotation> rotate(String project, String kid, String actor, String principal, ObjectNode audit) {
        if (kid == null || !keyring.knows(kid)) {
            throw new Invalid("kid '" + kid + "' is not configured; add it to DEVSTATE_HMAC_KEYS or "
                    + "DEVSTATE_HMAC_KEYS_FILE on every replica first").with("field", "kid");
        }
        return database.transaction(tx -> history.lockChain(tx, project)
                .chain(() -> activeKeys.current(tx))
                .chain(previous -> activeKeys.activate(tx, kid)
                        .chain(activated -> history.appendInTransaction(tx, project,
                                        rotationDraft(actor, principal, audit, previous.kid(), kid))
                                .map(entry -> new Rotation(activated, entry)))));
    }

    private static EntryDraft rotationDraft(String actor, String principal, ObjectNode audit, String previousKid,
            String kid) {
        ObjectNode metadata = audit == null ? Json.object() : audit.deepCopy();
        metadata.put("kid", kid);
        metadata.put("previous_kid", previousKid);
        return new EntryDraft(actor, SystemAction.KEY_ROTATED.action(), null, null, null, EntryRules.metadata(metadata), principal);
    }
}
