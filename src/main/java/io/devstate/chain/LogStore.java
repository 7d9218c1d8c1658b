package io.devstate.chain;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

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

    private static final String UPSERT_HEAD = "insert into log_heads (project, size, root, edge) values ($1, $2, $3, $4) "
            + "on conflict (project) do update set size = excluded.size, root = excluded.root, edge = excluded.edge";
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

    /** The project's tree as last committed; an empty tree when it has none yet. */
    Uni<TreeTiles> edge(SqlClient client, String project) {
        return client.preparedQuery("select size, edge from log_heads where project = $1")
                .execute(Tuple.of(project))
                .map(rows -> rows.size() == 0 ? TreeTiles.empty() : toEdge(rows.iterator().next()));
    }

    /** The tiles that became full and the new edge, pipelined with the batch's other writes. */
    Uni<Void> write(SqlConnection tx, String project, TreeTiles edge, List<TreeTiles.Tile> filled) {
        Buffer[] partial = edge.partialTiles().stream().map(Buffer::buffer).toArray(Buffer[]::new);
        Uni<Void> head = tx.preparedQuery(UPSERT_HEAD)
                .execute(Tuple.of(project, edge.size(), Buffer.buffer(edge.root()), partial))
                .replaceWithVoid();
        if (filled.isEmpty()) {
            return head;
        }
        Uni<Void> tiles = tx.preparedQuery(INSERT_TILE)
                .executeBatch(filled.stream()
                        .map(tile -> Tuple.of(project, (short) tile.level(), tile.index(), Buffer.buffer(tile.hashes())))
                        .toList())
                .replaceWithVoid();
        return Uni.combine().all().unis(tiles, head).discardItems();
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

    private static TreeTiles toEdge(Row row) {
        Buffer[] partial = row.getDelegate().getArrayOfBuffers(1);
        return TreeTiles.restore(row.getLong(0), Arrays.stream(partial).map(Buffer::getBytes).toList());
    }
}
