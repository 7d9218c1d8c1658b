package io.devstate.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.devstate.chain.Appended;
import io.devstate.chain.ChainEntry;
import io.devstate.chain.LogPosition;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An appended entry as the API shows it (HTTP and MCP): the contract's {@code AppendResult};
 * {@code new_hmac} repeats {@code hmac}, {@code log} is where the entry is in the project's log.
 */
@RegisterForReflection
@JsonPropertyOrder({ "project", "seq", "ts", "hmac", "new_hmac", "log" })
public record AppendResult(String project, long seq, String ts, String hmac,
        @JsonProperty("new_hmac") String newHmac, LogPosition log) {

    public static AppendResult of(Appended appended) {
        ChainEntry entry = appended.entry();
        return new AppendResult(entry.project(), entry.seq(), entry.ts(), entry.hmac(), entry.hmac(), appended.log());
    }
}
