package io.devstate.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of an RFC 6962 / RFC 9162 Merkle tree: {@code leaf = SHA-256(0x00 || data)},
 * {@code node = SHA-256(0x01 || left || right)}, and the tree hash of a range of leaves split at
 * the largest power of two below its size. The prefixes keep a leaf from passing for a node.
 */
public final class MerkleHash {

    public static final int SIZE = 32;

    private static final byte LEAF_PREFIX = 0;
    private static final byte NODE_PREFIX = 1;

    private MerkleHash() {
    }

    public static byte[] leaf(byte[] data) {
        MessageDigest sha = sha256();
        sha.update(LEAF_PREFIX);
        return sha.digest(data);
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update(NODE_PREFIX);
        sha.update(left);
        return sha.digest(right);
    }

    /** The root of the empty tree: SHA-256 of nothing. */
    public static byte[] empty() {
        return sha256().digest();
    }

    /** The tree hash of {@code hashes[from, to)} taken as leaf hashes (or as equal-level nodes). */
    public static byte[] tree(byte[][] hashes, int from, int to) {
        int size = to - from;
        if (size == 1) {
            return hashes[from];
        }
        int k = (int) split(size);
        return node(tree(hashes, from, from + k), tree(hashes, from + k, to));
    }

    /** The largest power of two strictly below {@code n} (n ≥ 2): where RFC 6962 splits a range. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
