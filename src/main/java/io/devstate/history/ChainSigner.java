package io.devstate.history;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.Json;
import io.devstate.keys.Keyring;

/**
 * The chain rule of docs/CHAIN.md: hmac = HMAC-SHA256(key of kid, JCS of the entry's members
 * without {@code hmac}). Append, verify and import all go through here, so they cannot disagree.
 */
@ApplicationScoped
public class ChainSigner {

    private final Keyring keyring;

    public ChainSigner(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The canonical message of an entry (its {@code hmac} member is not part of it). */
    public static String message(ChainEntry entry) {
        ObjectNode message = Json.object();
        message.put("project", entry.project());
        message.put("seq", entry.seq());
        message.put("ts", entry.ts());
        message.put("actor", entry.actor());
        message.put("action", entry.action());
        message.put("cp_from", entry.cpFrom());
        message.put("cp_to", entry.cpTo());
        message.put("state_checksum", entry.stateChecksum());
        message.set("metadata", entry.metadata());
        message.put("kid", entry.kid());
        message.put("hmac_prev", entry.hmacPrev());
        return Json.canonical(message);
    }

    /** The entry that follows {@code head}, signed with the key of {@code kid}. */
    public ChainEntry signNext(ChainHead head, String project, String ts, EntryDraft draft, String kid) {
        ChainEntry unsigned = new ChainEntry(project, head.seq() + 1, ts, draft.actor(), draft.action(),
                draft.cpFrom(), draft.cpTo(), draft.stateChecksum(), draft.metadata(), kid, head.hmac(), null);
        return unsigned.withHmac(keyring.sign(unsigned.kid(), message(unsigned)).orElseThrow());
    }

    /** The hmac the entry should carry, or empty when its kid is not in the keyring. */
    public Optional<String> expectedHmac(ChainEntry entry) {
        return keyring.sign(entry.kid(), message(entry));
    }
}
