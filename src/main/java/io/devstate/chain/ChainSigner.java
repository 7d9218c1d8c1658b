package io.devstate.chain;

import io.devstate.common.Json;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.erdtman.jcs.NumberToJSON;

/**
 * The chain rule of docs/CHAIN.md: hmac = HMAC-SHA256(key of kid, JCS of the entry's members
 * without {@code hmac}). Append, verify and import all go through here, so they cannot disagree.
 */
@ApplicationScoped
public class ChainSigner {

    private static final long MAX_EXACT_LONG = 1L << 53;

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
        string(out, entry.action());
        out.append(",\"actor\":");
        string(out, entry.actor());
        out.append(",\"cp_from\":");
        string(out, entry.cpFrom());
        out.append(",\"cp_to\":");
        string(out, entry.cpTo());
        out.append(",\"hmac_prev\":");
        string(out, entry.hmacPrev());
        out.append(",\"kid\":");
        string(out, entry.kid());
        out.append(",\"metadata\":").append(canonicalMetadata == null ? "null" : canonicalMetadata);
        out.append(",\"project\":");
        string(out, entry.project());
        out.append(",\"seq\":").append(number(entry.seq()));
        out.append(",\"state_checksum\":");
        string(out, entry.stateChecksum());
        out.append(",\"ts\":");
        string(out, entry.ts());
        return out.append('}').toString();
    }

    /**
     * The data of the entry's leaf in the project's log: the canonical JSON of all its members,
     * {@code hmac} included, which sorts just before {@code hmac_prev} (docs/CHAIN.md, "The log").
     */
    public static byte[] leafData(ChainEntry entry) {
        String message = message(entry);
        int at = message.indexOf(",\"hmac_prev\":"); // the member: a string value cannot hold an unescaped quote
        StringBuilder out = new StringBuilder(message.length() + 80).append(message, 0, at).append(",\"hmac\":");
        string(out, entry.hmac());
        return out.append(message, at, message.length()).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A whole number as JCS writes it: as an IEEE-754 double in ECMAScript form. Up to 2^53 in
     * magnitude a long is exactly a double and that form is its plain digits ({@link Long#toString},
     * no library call per entry); larger ones round, and the library writes them.
     */
    static String number(long value) {
        if (value >= -MAX_EXACT_LONG && value <= MAX_EXACT_LONG) {
            return Long.toString(value);
        }
        try {
            return NumberToJSON.serializeNumber(value);
        } catch (IOException e) {
            throw new IllegalStateException("a long is a finite double", e);
        }
    }

    /**
     * A string as RFC 8785 section 3.2.2.2 writes it (null: JSON null). Only {@code "}, {@code \},
     * and U+0000..U+001F are escaped (five of them by their short forms, the rest as lowercase
     * {@code \}{@code u00xx}); everything else is written as itself.
     */
    static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int plain = 0;
        while (plain < value.length() && needsNoEscape(value.charAt(plain))) {
            plain++;
        }
        // Most strings (hex hmacs, timestamps, kids, names) need no escape: copy them in one go
        // (append(String), not append(CharSequence, from, to), which copies char by char on JDK 17).
        if (plain == value.length()) {
            out.append(value).append('"');
            return;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean needsNoEscape(char c) {
        return c >= 0x20 && c != '"' && c != '\\';
    }

    /** The entry that follows {@code head}, signed with the key of {@code kid}. */
    public ChainEntry signNext(ChainHead head, String project, String ts, EntryDraft draft, String kid) {
        ChainEntry unsigned = new ChainEntry(project, head.seq() + 1, ts, draft.actor(), draft.action(),
                draft.cpFrom(), draft.cpTo(), draft.stateChecksum(), draft.metadata(), kid, head.hmac(), null);
        return unsigned.withHmac(keyring.sign(unsigned.kid(), message(unsigned)).orElseThrow());
    }

    /** Whether this replica holds the secret of {@code kid}. */
    public boolean canSign(String kid) {
        return keyring.knows(kid);
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
