package io.devstate.history;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;


import io.devstate.common.Jcs;
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
        return message(entry, entry.metadata() == null ? null : Json.canonical(entry.metadata()));
    }

    /**
     * The canonical message with the entry's metadata given in canonical form (null: JSON null).
     *
     * <p>Why this is written out instead of handing an ObjectNode to the JCS library: the message is
     * a fixed object, so its canonical form is its members in the sorted order below with compact
     * separators; only the free-form metadata needs the library's sorting and number rules, and
     * the caller passes it already canonicalised. Serialising the whole message with Jackson and
     * re-parsing it in the library cost most of the time of verifying an entry (docs/benchmarks/JMH.md).
     * Member names are ASCII, so their UTF-16 order is the order written here; {@code ChainSignerTest}
     * checks it and the string escaping against the library.
     */
    public static String message(ChainEntry entry, String canonicalMetadata) {
        StringBuilder out = new StringBuilder(384);
        out.append("{\"action\":");
        Jcs.string(out, entry.action());
        out.append(",\"actor\":");
        Jcs.string(out, entry.actor());
        out.append(",\"cp_from\":");
        Jcs.string(out, entry.cpFrom());
        out.append(",\"cp_to\":");
        Jcs.string(out, entry.cpTo());
        out.append(",\"hmac_prev\":");
        Jcs.string(out, entry.hmacPrev());
        out.append(",\"kid\":");
        Jcs.string(out, entry.kid());
        out.append(",\"metadata\":").append(canonicalMetadata == null ? "null" : canonicalMetadata);
        out.append(",\"project\":");
        Jcs.string(out, entry.project());
        out.append(",\"seq\":").append(number(entry.seq()));
        out.append(",\"state_checksum\":");
        Jcs.string(out, entry.stateChecksum());
        out.append(",\"ts\":");
        Jcs.string(out, entry.ts());
        return out.append('}').toString();
    }

    private static String number(long value) {
        try {
            return Jcs.number(value);
        } catch (IOException e) {
            throw new IllegalStateException("a long is a finite double", e);
        }
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

    /** As {@link #expectedHmac(ChainEntry)}, with the metadata already in canonical form (null: none). */
    public Optional<String> expectedHmac(ChainEntry entry, String canonicalMetadata) {
        return keyring.sign(entry.kid(), message(entry, canonicalMetadata));
    }
}
