package io.devstate.history;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.devstate.chain.ChainEntry;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An appended entry as the API shows it (HTTP and MCP): the contract's {@code AppendResult}; {@code new_hmac} repeats {@code hmac}. */
@RegisterForReflection
@JsonPropertyOrder({ "project", "seq", "ts", "hmac", "new_hmac" })
public record AppendResult(String project, long seq, String ts, String hmac,
        @JsonProperty("new_hmac") String newHmac) {

    public static AppendResult of(ChainEntry entry) {
        return new AppendResult(entry.project(), entry.seq(), entry.ts(), entry.hmac(), entry.hmac());
    }
}
