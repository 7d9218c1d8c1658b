package io.devstate.chain;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL of the projects' Merkle trees (tables {@code log_heads} and {@code log_tiles}),
 * package-private like {@link ChainStore}: written only in the chain writer's transactions.
 */
@ApplicationScoped
class LogStore {

    /** When the upper levels changed (a level-0 tile filled): all of the row. */
    private static final String UPSERT_HEAD = "insert into log_heads (project, size, root, upper) values ($1, $2, $3, $4) "
            + "on conflict (project) do update set size = excluded.size, root = excluded.root, upper = excluded.upper";
    /** Otherwise size and root only: the upper tiles' stored value is kept, not rewritten. */
    private static final String UPSERT_SIZE = "insert into log_heads (project, size, root, upper) values ($1, $2, $3, $4) "
            + "on conflict (project) do update set size = excluded.size, root = excluded.root";
    private static final String INSERT_LEAVES = "insert into log_leaves (project, idx, hashes) values ($1, $2, $3)";
    private static final String DROP_TILED_LEAVES = "delete from log_leaves where project = $1 and idx < $2";
    private static final String INSERT_TILE = "insert into log_tiles (project, level, idx, hashes) values ($1, $2, $3, $4)";

    /** The size and root of the project's tree as last committed (size 0 and the empty root when it has none). */
    record Head(long size, byte[] root) {

        boolean describes(TreeTiles tree) {
            return tree.size() == size && Arrays.equals(tree.root(), root);
        }
    }

    Uni<Head> head(SqlClient client, String project) {
        return client.preparedQuery("select size, root from log_heads where project = $1")
                .execute(Tuple.of(project))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new Head(0, MerkleHash.empty());
                    }
                    Row row = rows.iterator().next();
                    return new Head(row.getLong(0), row.getDelegate().getBuffer(1).getBytes());
                });
    }

    /** The project's tree as last committed; an empty tree when it has none yet. Two queries, one round trip. */
    Uni<TreeTiles> edge(SqlClient client, String project) {
        Uni<RowSet<Row>> head = client.preparedQuery(
                "select size, upper from log_heads where project = $1").execute(Tuple.of(project));
        Uni<RowSet<Row>> leaves = client.preparedQuery(
                "select hashes from log_leaves where project = $1 order by idx").execute(Tuple.of(project));
        return Uni.combine().all().unis(head, leaves).asTuple().map(rows -> {
            if (rows.getItem1().size() == 0) {
                return TreeTiles.empty();
            }
            Row row = rows.getItem1().iterator().next();
            ByteArrayOutputStream level0 = new ByteArrayOutputStream();
            rows.getItem2().forEach(segment -> level0.writeBytes(segment.getDelegate().getBuffer(0).getBytes()));
            List<byte[]> partial = new ArrayList<>();
            partial.add(level0.toByteArray());
            Arrays.stream(row.getDelegate().getArrayOfBuffers(1)).map(Buffer::getBytes).forEach(partial::add);
            return TreeTiles.restore(row.getLong(0), partial);
        });
    }

    /**
     * What a batch adds to the stored tree, pipelined with its other writes: the leaves it added to
     * the partial level-0 tile (one row), the tiles it filled (then the leaf rows they replace go),
     * and the new size and root (the upper levels only when a tile filled).
     */
    Uni<Void> write(SqlConnection tx, String project, long sizeBefore, TreeTiles edge, List<TreeTiles.Tile> filled) {
        List<Uni<Void>> writes = new ArrayList<>();
        long from = Math.max(sizeBefore, edge.partialLeafStart());
        byte[] leaves = edge.partialLeavesFrom(from);
        if (!filled.isEmpty()) {
            writes.add(tx.preparedQuery(INSERT_TILE)
                    .executeBatch(filled.stream()
                            .map(tile -> Tuple.of(project, (short) tile.level(), tile.index(), Buffer.buffer(tile.hashes())))
                            .toList())
                    .replaceWithVoid());
            writes.add(tx.preparedQuery(DROP_TILED_LEAVES).execute(Tuple.of(project, edge.partialLeafStart()))
                    .replaceWithVoid());
        }
        if (leaves.length > 0) {
            writes.add(tx.preparedQuery(INSERT_LEAVES).execute(Tuple.of(project, from, Buffer.buffer(leaves)))
                    .replaceWithVoid());
        }
        Buffer[] upper = edge.upperPartialTiles().stream().map(Buffer::buffer).toArray(Buffer[]::new);
        writes.add(tx.preparedQuery(filled.isEmpty() ? UPSERT_SIZE : UPSERT_HEAD)
                .execute(Tuple.of(project, edge.size(), Buffer.buffer(edge.root()), upper))
                .replaceWithVoid());
        return Uni.combine().all().unis(writes).discardItems();
    }

    /** The full tiles asked for, in one query. */
    Uni<Map<TileNodes.TileId, TreeTiles.Tile>> tiles(SqlClient client, String project,
            Collection<TileNodes.TileId> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Short[] levels = ids.stream().map(id -> (short) id.level()).toArray(Short[]::new);
        Long[] indexes = ids.stream().map(TileNodes.TileId::index).toArray(Long[]::new);
        return client.preparedQuery("select t.level, t.idx, t.hashes from log_tiles t "
                + "join unnest($2::smallint[], $3::bigint[]) as wanted(level, idx) "
                + "on t.level = wanted.level and t.idx = wanted.idx where t.project = $1")
                .execute(Tuple.of(project, levels, indexes))
                .map(rows -> {
                    Map<TileNodes.TileId, TreeTiles.Tile> tiles = new HashMap<>();
                    for (Row row : rows) {
                        TreeTiles.Tile tile = new TreeTiles.Tile(row.getShort(0), row.getLong(1),
                                row.getDelegate().getBuffer(2).getBytes());
                        tiles.put(new TileNodes.TileId(tile.level(), tile.index()), tile);
                    }
                    return tiles;
                });
    }
}
