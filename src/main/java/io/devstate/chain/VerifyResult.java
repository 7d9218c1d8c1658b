package io.devstate.chain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Outcome of walking a chain: {@code ok} with the head reached, or the first failure. */
@RegisterForReflection
@JsonPropertyOrder({ "ok", "verified", "head", "failure" })
public record VerifyResult(boolean ok, long verified, Head head, Failure failure) {

    @RegisterForReflection
    public record Head(long seq, String hmac) {
    }

    /**
     * {@code expected} is withheld (null) for {@code hmac_mismatch}: answering with the correct HMAC
     * of tampered content would make verify a signing oracle.
     */
    @RegisterForReflection
    @JsonPropertyOrder({ "seq", "reason", "expected", "actual" })
    public record Failure(long seq, String reason, String expected, String actual) {
    }
}
