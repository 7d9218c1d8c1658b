package io.devstate.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.devstate.common.Json;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Writes and reads {@link ChainAnnouncement} payloads. A payload may carry the summaries of the
 * entries its commit added, so that each replica's change feed hands them on without reading them
 * back (one query per commit and replica saved), as a second line {@code <kid> <mac>} and a third,
 * the entries as JSON arrays. Anyone who may connect to the database can NOTIFY, so the entries
 * count only with an HMAC of the chain's key {@code kid} over them (a kid this replica does not
 * know, a wrong MAC or a malformed line, and the announcement is just its head: the feed reads the
 * entries from the database, as for a commit whose entries did not fit).
 */
@ApplicationScoped
public class ChainAnnouncements {

    /** PostgreSQL refuses a payload of 8000 bytes or more: larger batches announce their head only. */
    static final int MAX_PAYLOAD_BYTES = 7900;
    /** Keeps the MAC of an announcement apart from every entry's (whose message is a JSON object). */
    private static final String DOMAIN = "devstate-chain-announcement\n";
    private static final TypeReference<List<ChainAnnouncement.Entry>> ENTRIES = new TypeReference<>() {
    };

    private final Keyring keyring;

    ChainAnnouncements(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The payload of a commit that made {@code head} the project's head by appending {@code entries}. */
    String payload(String project, ChainHead head, String kid, List<ChainEntry> entries) {
        String first = new ChainAnnouncement(project, head.seq(), List.of()).firstLine();
        if (entries.isEmpty() || entries.get(entries.size() - 1).seq() != head.seq()) {
            return first;
        }
        try {
            String json = Json.mapper().writeValueAsString(entries.stream().map(ChainAnnouncement.Entry::of).toList());
            Optional<String> mac = keyring.sign(kid, DOMAIN + first + '\n' + json);
            if (mac.isEmpty()) {
                return first;
            }
            String payload = first + '\n' + kid + ' ' + mac.get() + '\n' + json;
            return payload.getBytes(StandardCharsets.UTF_8).length < MAX_PAYLOAD_BYTES ? payload : first;
        } catch (JsonProcessingException cannotHappen) {
            return first;
        }
    }

    /**
     * The announcement of a payload, with its entries when they are there, consecutive up to its
     * head and signed with a key of this replica's keyring; empty for a payload not in the form.
     */
    public Optional<ChainAnnouncement> read(String payload) {
        Optional<ChainAnnouncement> head = ChainAnnouncement.parse(payload);
        String[] lines = payload.split("\n", 3);
        if (head.isEmpty() || lines.length != 3) {
            return head;
        }
        int space = lines[1].indexOf(' ');
        if (space <= 0) {
            return head;
        }
        Optional<String> expected = keyring.sign(lines[1].substring(0, space), DOMAIN + lines[0] + '\n' + lines[2]);
        byte[] given = lines[1].substring(space + 1).getBytes(StandardCharsets.UTF_8);
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8), given)) {
            return head;
        }
        List<ChainAnnouncement.Entry> entries;
        try {
            entries = Json.mapper().readValue(lines[2], ENTRIES);
        } catch (JsonProcessingException malformed) {
            return head;
        }
        ChainAnnouncement announced = head.get();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).seq() != announced.head() - entries.size() + 1 + i) {
                return head;
            }
        }
        return Optional.of(new ChainAnnouncement(announced.project(), announced.head(), entries));
    }
}
