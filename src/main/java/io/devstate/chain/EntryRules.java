package io.devstate.chain;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.common.Utf8;

import java.util.regex.Pattern;

/** Input rules for entries, shared by direct appends and the audit headers of other writes. */
public final class EntryRules {

    public static final int MAX_TEXT = 200;
    private static final Pattern ACTION = Pattern.compile("^[a-z][a-z0-9_.:-]{0,63}$");
    private static final Pattern CHECKSUM = Pattern.compile("^sha256:[0-9a-f]{64}$");

    private EntryRules() {
    }

    public static String actor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new Invalid("actor is required").with("field", "actor");
        }
        return text("actor", actor);
    }

    public static String clientAction(String action) {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new Invalid("action must match " + ACTION.pattern()).with("field", "action");
        }
        // Actions only DevState itself writes: a client cannot forge their meaning.
        if (SystemAction.isReserved(action)) {
            throw new Invalid("action '" + action + "' is reserved for entries DevState writes itself")
                    .with("field", "action");
        }
        return action;
    }

    public static String text(String field, String value) {
        if (value != null && (value.length() > MAX_TEXT || value.indexOf('\0') >= 0)) {
            throw new Invalid(field + " must be at most " + MAX_TEXT + " characters without U+0000")
                    .with("field", field);
        }
        return Utf8.requireCharacters(field, value);
    }

    public static String stateChecksum(String checksum) {
        if (checksum != null && !CHECKSUM.matcher(checksum).matches()) {
            throw new Invalid("state_checksum must match " + CHECKSUM.pattern()).with("field", "state_checksum");
        }
        return checksum;
    }

    /** Metadata is an object or absent; it is stored in canonical form so it reads back as signed. */
    public static JsonNode metadata(JsonNode metadata) {
        if (metadata == null || metadata.isNull() || metadata.isMissingNode()) {
            return null;
        }
        if (!metadata.isObject()) {
            throw new Invalid("metadata must be a JSON object").with("field", "metadata");
        }
        Json.requireStorable(metadata, "metadata");
        return Json.normalise(metadata);
    }
}
