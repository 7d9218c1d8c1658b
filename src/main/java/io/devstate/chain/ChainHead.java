package io.devstate.chain;

/** The last entry of a project's chain, or the genesis position (seq 0) for an empty chain. */
public record ChainHead(long seq, String hmac) {

    public static final ChainHead GENESIS = new ChainHead(0, ChainEntry.GENESIS_HMAC);

    public boolean isEmpty() {
        return seq == 0;
    }
}
