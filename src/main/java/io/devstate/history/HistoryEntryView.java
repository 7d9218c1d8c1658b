package io.devstate.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.chain.ChainEntry;
import io.devstate.chain.HistoryRecord;
import io.devstate.common.Json;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A history entry as the API shows it. */
@RegisterForReflection
@JsonPropertyOrder({ "project", "seq", "ts", "actor", "action", "cp_from", "cp_to", "state_checksum", "metadata",
    "kid", "hmac_prev", "hmac", "tombstoned_by" })
public record HistoryEntryView(
        String project,
        long seq,
        String ts,
        String actor,
        String action,
        @JsonProperty("cp_from") String cpFrom,
        @JsonProperty("cp_to") String cpTo,
        @JsonProperty("state_checksum") String stateChecksum,
        JsonNode metadata,
        String kid,
        @JsonProperty("hmac_prev") String hmacPrev,
        String hmac,
        @JsonProperty("tombstoned_by") Long tombstonedBy) {

    static HistoryEntryView of(HistoryRecord record) {
        ChainEntry e = record.entry();
        return new HistoryEntryView(e.project(), e.seq(), e.ts(), e.actor(), e.action(), e.cpFrom(), e.cpTo(),
                e.stateChecksum(), e.metadata() == null ? null : Json.normalise(e.metadata()), e.kid(), e.hmacPrev(),
                e.hmac(), record.tombstonedBy());
    }
}
