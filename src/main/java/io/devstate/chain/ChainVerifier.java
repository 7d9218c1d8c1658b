package io.devstate.chain;

import io.devstate.common.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Walks entries in order and stops at the first break. Pure and incremental: the same walker
 * checks the database chain page by page and an imported file entry by entry.
 */
public final class ChainVerifier {

    private final ChainSigner signer;
    private long expectedSeq;
    private String previousHmac;
    private long verified;
    private ChainEntry last;
    private VerifyResult.Failure failure;

    public ChainVerifier(ChainSigner signer, long firstSeq, String previousHmac) {
        this.signer = signer;
        this.expectedSeq = firstSeq;
        this.previousHmac = previousHmac;
    }

    public static ChainVerifier fromGenesis(ChainSigner signer) {
        return new ChainVerifier(signer, 1, ChainEntry.GENESIS_HMAC);
    }

    /** Checks the next entry; returns false (and keeps the failure) once the chain is broken. */
    public boolean accept(ChainEntry entry) {
        return accept(entry, entry.metadata() == null ? null : Json.canonical(entry.metadata()));
    }

    /** As {@link #accept(ChainEntry)} for a stored entry read with its metadata in canonical text. */
    public boolean accept(StoredEntry stored) {
        return accept(stored.entry(), stored.canonicalMetadata());
    }

    private boolean accept(ChainEntry entry, String canonicalMetadata) {
        if (failure != null) {
            return false;
        }
        failure = check(entry, canonicalMetadata).orElse(null);
        if (failure != null) {
            return false;
        }
        verified++;
        expectedSeq++;
        previousHmac = entry.hmac();
        last = entry;
        return true;
    }

    private Optional<VerifyResult.Failure> check(ChainEntry entry, String canonicalMetadata) {
        if (entry.seq() != expectedSeq) {
            return failure(expectedSeq, "seq_gap", Long.toString(expectedSeq), Long.toString(entry.seq()));
        }
        if (previousHmac == null) {
            // The walk started after an entry that is missing from the chain.
            return failure(expectedSeq - 1, "seq_gap", Long.toString(expectedSeq - 1), Long.toString(entry.seq()));
        }
        if (!previousHmac.equals(entry.hmacPrev())) {
            return failure(entry.seq(), "prev_mismatch", previousHmac, entry.hmacPrev());
        }
        Optional<String> expectedHmac = signer.expectedHmac(entry, canonicalMetadata);
        if (expectedHmac.isEmpty()) {
            return failure(entry.seq(), "unknown_kid", null, entry.kid());
        }
        if (!MessageDigest.isEqual(bytes(expectedHmac.get()), bytes(entry.hmac()))) {
            return failure(entry.seq(), "hmac_mismatch", null, entry.hmac());
        }
        return Optional.empty();
    }

    private static byte[] bytes(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Optional<VerifyResult.Failure> failure(long seq, String reason, String expected, String actual) {
        return Optional.of(new VerifyResult.Failure(seq, reason, expected, actual));
    }

    public boolean failed() {
        return failure != null;
    }

    public long verified() {
        return verified;
    }

    public VerifyResult result() {
        VerifyResult.Head head = last == null ? null : new VerifyResult.Head(last.seq(), last.hmac());
        return new VerifyResult(failure == null, verified, head, failure);
    }
}
