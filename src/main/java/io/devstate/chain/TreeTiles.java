package io.devstate.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A project's Merkle tree as C2SP tlog-tiles lay it out: the hashes of tree level {@code 8·L}
 * are cut into tiles of 256; tile {@code (L, N)} holds the nodes {@code N·256 … N·256+255} of
 * that level, and the 8 levels above it are recomputed from it when needed. A full tile never
 * changes; the right edge of each tile level is a partial tile that grows with the log.
 *
 * <p>This class is the right edge of a tree of {@link #size()} leaves: the partial tiles, from which
 * the root and every node of the edge follow. Appending a leaf returns the tiles it filled, which
 * the store inserts once and for all. Not thread-safe: one batch uses it at a time.
 */
public final class TreeTiles {

    /** Levels per tile, as in C2SP tlog-tiles: 2^8 = 256 hashes in a full tile. */
    public static final int HEIGHT = 8;
    public static final int WIDTH = 1 << HEIGHT;

    /** A full tile: 256 hashes of tree level {@code 8·level}, nodes {@code index·256 …}. */
    public record Tile(int level, long index, byte[] hashes) {

        /** The {@code i}-th hash of the tile. */
        byte[] hash(int i) {
            return Arrays.copyOfRange(hashes, i * MerkleHash.SIZE, (i + 1) * MerkleHash.SIZE);
        }
    }

    private long size;
    /** Per tile level, the hashes of its partial tile (fewer than 256). */
    private final List<List<byte[]>> edge = new ArrayList<>();
    /**
     * The tree's compact range: the roots of its complete subtrees, largest first (one per bit of
     * the size). Kept as leaves are added, so the root costs a few hashes, not a whole tile's.
     */
    private final List<byte[]> frontier = new ArrayList<>();

    private TreeTiles() {
    }

    public static TreeTiles empty() {
        return new TreeTiles();
    }

    /** The edge of a tree of {@code size} leaves from its stored partial tiles (level 0 first, concatenated hashes). */
    public static TreeTiles restore(long size, List<byte[]> partialTiles) {
        TreeTiles tiles = new TreeTiles();
        tiles.size = size;
        for (int level = 0; level < partialTiles.size(); level++) {
            byte[] packed = partialTiles.get(level);
            long expected = (size >>> (HEIGHT * level)) % WIDTH;
            if (packed.length != expected * MerkleHash.SIZE) {
                throw new IllegalStateException("partial tile " + level + " of a tree of " + size + " leaves holds "
                        + packed.length / MerkleHash.SIZE + " hashes, not " + expected);
            }
            List<byte[]> hashes = new ArrayList<>();
            for (int i = 0; i < packed.length; i += MerkleHash.SIZE) {
                hashes.add(Arrays.copyOfRange(packed, i, i + MerkleHash.SIZE));
            }
            tiles.edge.add(hashes);
        }
        tiles.trim();
        if (tiles.levelsNeeded() != tiles.edge.size()) {
            throw new IllegalStateException("a tree of " + size + " leaves has " + tiles.levelsNeeded()
                    + " partial tile levels, not " + partialTiles.size());
        }
        // The complete subtrees of each partial tile, largest first, from the top level down.
        for (int level = tiles.edge.size() - 1; level >= 0; level--) {
            byte[][] row = tiles.edge.get(level).toArray(new byte[0][]);
            int start = 0;
            for (int bit = HEIGHT - 1; bit >= 0; bit--) {
                int width = 1 << bit;
                if ((row.length & width) != 0) {
                    tiles.frontier.add(MerkleHash.tree(row, start, start + width));
                    start += width;
                }
            }
        }
        return tiles;
    }

    /** An independent copy: a batch grows its own, and only a committed one replaces the cached edge. */
    public TreeTiles copy() {
        TreeTiles copy = new TreeTiles();
        copy.size = size;
        edge.forEach(hashes -> copy.edge.add(new ArrayList<>(hashes)));
        copy.frontier.addAll(frontier);
        return copy;
    }

    public long size() {
        return size;
    }

    /** Adds the next leaf; returns the tiles that became full (usually none). */
    public List<Tile> append(byte[] leafHash) {
        byte[] merged = leafHash;
        for (long index = size; (index & 1) == 1; index >>>= 1) {
            merged = MerkleHash.node(frontier.remove(frontier.size() - 1), merged);
        }
        frontier.add(merged);
        List<Tile> filled = List.of();
        byte[] hash = leafHash;
        for (int level = 0;; level++) {
            if (edge.size() == level) {
                edge.add(new ArrayList<>());
            }
            List<byte[]> partial = edge.get(level);
            partial.add(hash);
            if (partial.size() < WIDTH) {
                break;
            }
            long index = ((size >>> (HEIGHT * level)) / WIDTH);
            byte[][] row = partial.toArray(new byte[0][]);
            if (filled.isEmpty()) {
                filled = new ArrayList<>(1);
            }
            filled.add(new Tile(level, index, pack(row)));
            partial.clear();
            hash = MerkleHash.tree(row, 0, WIDTH); // the tile's top: a node of level 8·(level+1)
        }
        size++;
        trim();
        return filled;
    }

    /**
     * The leaf hashes of the partial level-0 tile from leaf {@code fromIndex} on (those before it,
     * or in tiles that filled since, are stored already), concatenated; empty when there are none.
     */
    public byte[] partialLeavesFrom(long fromIndex) {
        if (edge.isEmpty()) {
            return new byte[0];
        }
        long tileStart = size / WIDTH * WIDTH;
        List<byte[]> leaves = edge.get(0);
        int from = (int) Math.max(0, fromIndex - tileStart);
        return pack(leaves.subList(Math.min(from, leaves.size()), leaves.size()).toArray(new byte[0][]));
    }

    /** The index of the first leaf of the partial level-0 tile. */
    public long partialLeafStart() {
        return size / WIDTH * WIDTH;
    }

    /** The partial tiles of the levels above 0 (level 1 first), each its hashes concatenated. */
    public List<byte[]> upperPartialTiles() {
        return edge.stream().skip(1).map(hashes -> pack(hashes.toArray(new byte[0][]))).toList();
    }

    /** The partial tiles to store (level 0 first), each its hashes concatenated. */
    public List<byte[]> partialTiles() {
        return edge.stream().map(hashes -> pack(hashes.toArray(new byte[0][]))).toList();
    }

    /** The root hash of the tree: RFC 6962's tree hash of all leaves, its compact range folded right to left. */
    public byte[] root() {
        if (size == 0) {
            return MerkleHash.empty();
        }
        byte[] root = frontier.get(frontier.size() - 1);
        for (int i = frontier.size() - 2; i >= 0; i--) {
            root = MerkleHash.node(frontier.get(i), root);
        }
        return root;
    }

    /**
     * A node of the edge's partial tile at tile level {@code level}: tree level {@code 8·level + height},
     * covering hashes {@code [first, first + 2^height)} of that tile level; null when they are not all
     * in the partial tile.
     */
    byte[] partialNode(int level, long first, int height) {
        if (level >= edge.size()) {
            return null;
        }
        long tileStart = (size >>> (HEIGHT * level)) / WIDTH * WIDTH;
        List<byte[]> hashes = edge.get(level);
        long from = first - tileStart;
        long to = from + (1L << height);
        if (from < 0 || to > hashes.size()) {
            return null;
        }
        return MerkleHash.tree(hashes.toArray(new byte[0][]), (int) from, (int) to);
    }

    /** How many hashes tile level {@code level} has in all (full tiles and the partial one). */
    long hashesAt(int level) {
        return size >>> (HEIGHT * level);
    }

    private int levelsNeeded() {
        int levels = 0;
        while (levels < 8 && (size >>> (HEIGHT * levels)) > 0) {
            levels++;
        }
        return levels;
    }

    /** Levels above the top hash are empty: a tree of 256 leaves has an empty level-0 edge and one hash at level 1. */
    private void trim() {
        while (!edge.isEmpty() && edge.size() > levelsNeeded()) {
            edge.remove(edge.size() - 1);
        }
    }

    static byte[] pack(byte[][] hashes) {
        byte[] packed = new byte[hashes.length * MerkleHash.SIZE];
        for (int i = 0; i < hashes.length; i++) {
            System.arraycopy(hashes[i], 0, packed, i * MerkleHash.SIZE, MerkleHash.SIZE);
        }
        return packed;
    }
}
