package io.devstate.chain;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 proofs over a project's tree at some size, written as in section 2.1: the inclusion
 * path of a leaf (2.1.3.1) and the consistency proof between two sizes (2.1.4.1). They need the
 * tree hashes of ranges of leaves; every such range is made of complete subtrees, each one node,
 * which {@link Nodes} supplies (from tiles).
 */
final class TreeProofs {

    /** A complete subtree's hash: tree level {@code level}, {@code index}-th of that level. */
    @FunctionalInterface
    interface Nodes {
        byte[] node(int level, long index);
    }

    private final Nodes nodes;

    TreeProofs(Nodes nodes) {
        this.nodes = nodes;
    }

    /** The hashes that lead from leaf {@code index} to the root of the tree of {@code size} leaves. */
    List<byte[]> inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, proof);
        return proof;
    }

    /** The hashes that show the tree of {@code to} leaves extends the tree of {@code from} leaves. */
    List<byte[]> consistency(long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        List<byte[]> proof = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(from, 0, to, true, proof);
        }
        return proof;
    }

    /** The root of the tree of {@code size} leaves. */
    byte[] root(long size) {
        return size == 0 ? MerkleHash.empty() : hash(0, size);
    }

    private void path(long m, long from, long to, List<byte[]> proof) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = MerkleHash.split(n);
        if (m < k) {
            path(m, from, from + k, proof);
            proof.add(hash(from + k, to));
        } else {
            path(m - k, from + k, to, proof);
            proof.add(hash(from, from + k));
        }
    }

    private void subproof(long m, long from, long to, boolean complete, List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(hash(from, to));
            }
            return;
        }
        long k = MerkleHash.split(n);
        if (m <= k) {
            subproof(m, from, from + k, complete, proof);
            proof.add(hash(from + k, to));
        } else {
            subproof(m - k, from + k, to, false, proof);
            proof.add(hash(from, from + k));
        }
    }

    /** RFC 6962's tree hash of leaves {@code [from, to)}: one node when they form a complete subtree. */
    private byte[] hash(long from, long to) {
        long n = to - from;
        if (Long.bitCount(n) == 1 && from % n == 0) {
            return nodes.node(Long.numberOfTrailingZeros(n), from / n);
        }
        long k = MerkleHash.split(n);
        return MerkleHash.node(hash(from, from + k), hash(from + k, to));
    }
}
