package io.devstate.chain;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The nodes of a tree from its tiles: a node of tree level {@code 8·L + h} is the tree hash of
 * {@code 2^h} consecutive hashes of tile level {@code L}, in a full tile (stored) or in the right
 * edge's partial tile. A proof is computed twice: first with no tiles, to learn which full tiles
 * it reads (one query), then with them.
 */
final class TileNodes implements TreeProofs.Nodes {

    /** A full tile's coordinates. */
    record TileId(int level, long index) {
    }

    private static final byte[] PLACEHOLDER = new byte[MerkleHash.SIZE];

    private final TreeTiles edge;
    private final Map<TileId, TreeTiles.Tile> tiles;
    private final Set<TileId> needed = new LinkedHashSet<>();

    private TileNodes(TreeTiles edge, Map<TileId, TreeTiles.Tile> tiles) {
        this.edge = edge;
        this.tiles = tiles;
    }

    /** Records which full tiles are read, answering placeholders. */
    static TileNodes recording(TreeTiles edge) {
        return new TileNodes(edge, null);
    }

    static TileNodes from(TreeTiles edge, Map<TileId, TreeTiles.Tile> tiles) {
        return new TileNodes(edge, tiles);
    }

    Set<TileId> needed() {
        return needed;
    }

    @Override
    public byte[] node(int level, long index) {
        int tileLevel = level / TreeTiles.HEIGHT;
        int height = level % TreeTiles.HEIGHT;
        long first = index << height;
        long tileIndex = first / TreeTiles.WIDTH;
        boolean inFullTile = (tileIndex + 1) * TreeTiles.WIDTH <= edge.hashesAt(tileLevel);
        if (!inFullTile) {
            byte[] hash = edge.partialNode(tileLevel, first, height);
            if (hash == null) {
                throw new IllegalArgumentException("node " + level + "/" + index + " is not in a tree of " + edge.size());
            }
            return hash;
        }
        TileId id = new TileId(tileLevel, tileIndex);
        if (tiles == null) {
            needed.add(id);
            return PLACEHOLDER;
        }
        TreeTiles.Tile tile = tiles.get(id);
        if (tile == null) {
            throw new IllegalStateException("tile " + tileLevel + "/" + tileIndex + " is missing");
        }
        int from = (int) (first % TreeTiles.WIDTH);
        byte[][] row = new byte[1 << height][];
        for (int i = 0; i < row.length; i++) {
            row[i] = tile.hash(from + i);
        }
        return MerkleHash.tree(row, 0, row.length);
    }
}
