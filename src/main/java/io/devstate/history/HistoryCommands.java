package io.devstate.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.chain.EntryDraft;
import io.devstate.chain.EntryRules;
import io.devstate.chain.HistoryQuery;
import io.devstate.common.BadRequest;
import io.devstate.common.Timestamps;

/**
 * What a client's append or search becomes, validated the same way whichever adapter (HTTP, MCP)
 * received it: the adapters only turn their transport's values into these arguments.
 */
public final class HistoryCommands {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private HistoryCommands() {
    }

    /** A client's entry: actor, action, checkpoints, checksum and metadata checked; {@code principal} is who authenticated. */
    public static EntryDraft append(String actor, String action, String cpFrom, String cpTo, String stateChecksum,
            JsonNode metadata, String principal) {
        return new EntryDraft(EntryRules.actor(actor), EntryRules.clientAction(action), EntryRules.text("cp_from", cpFrom),
                EntryRules.text("cp_to", cpTo), EntryRules.stateChecksum(stateChecksum), EntryRules.metadata(metadata),
                principal);
    }

    /**
     * A search; an empty text filter is no filter (as an empty query parameter is), {@code limit}
     * null means {@link #DEFAULT_LIMIT}.
     */
    public static HistoryQuery search(String project, String actor, String action, String since, String until, String cp,
            ObjectNode metadata, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new BadRequest("limit must be from 1 to " + MAX_LIMIT).with("field", "limit");
        }
        return new HistoryQuery(project, emptyToNull(actor), emptyToNull(action),
                emptyToNull(since) == null ? null : Timestamps.parseQuery("since", since),
                emptyToNull(until) == null ? null : Timestamps.parseQuery("until", until),
                emptyToNull(cp), metadata, SearchCursor.decode(cursor), size);
    }

    private static String emptyToNull(String raw) {
        return raw == null || raw.isEmpty() ? null : raw;
    }
}
