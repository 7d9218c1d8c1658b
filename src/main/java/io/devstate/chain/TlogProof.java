package io.devstate.chain;

import java.util.Base64;
import java.util.List;

/**
 * The C2SP tlog-proof text format (c2sp.org/tlog-proof): a self-contained proof that an entry is in
 * a log, verifiable offline with the log's verifier key. Its {@code extra} line carries the entry's
 * leaf data, so the proof needs nothing else to be checked.
 */
public final class TlogProof {

    static final String HEADER = "c2sp.org/tlog-proof@v1";

    private TlogProof() {
    }

    /** {@code checkpoint} is the signed note of the tree the hashes lead to, included verbatim. */
    public static String format(byte[] leafData, long index, List<byte[]> hashes, String checkpoint) {
        Base64.Encoder base64 = Base64.getEncoder();
        StringBuilder out = new StringBuilder(checkpoint.length() + 64 + hashes.size() * 45 + leafData.length * 4 / 3)
                .append(HEADER).append('\n')
                .append("extra ").append(base64.encodeToString(leafData)).append('\n')
                .append("index ").append(index).append('\n');
        for (byte[] hash : hashes) {
            out.append(base64.encodeToString(hash)).append('\n');
        }
        return out.append('\n').append(checkpoint).toString();
    }
}
