package io.devstate.chain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/** Search filters; null members do not filter. {@code beforeSeq} is the keyset cursor. */
public record HistoryQuery(
        String project,
        String actor,
        String action,
        OffsetDateTime since,
        OffsetDateTime until,
        String cp,
        JsonNode metadata,
        Long beforeSeq,
        int limit) {
}
