package io.devstate.projects;

import io.devstate.common.Timestamps;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL of the project list. Every project has history (a state write appends an entry), so the
 * projects are the distinct {@code project} values of {@code history_entries}: found by a skip
 * scan of its primary key (one index probe per project, never a scan of the entries), then each
 * one's head and state by key.
 */
@ApplicationScoped
public class ProjectStore {

    private static final String PAGE = """
            with recursive names(name) as (
                (select project from history_entries where project > $1 order by project limit 1)
                union all
                select (select project from history_entries where project > names.name order by project limit 1)
                from names where names.name is not null
            )
            select n.name, h.seq, h.hmac, h.ts, s.version, s.checksum, s.updated_at
            from (select name from names where name is not null limit $2) n
            left join lateral (select seq, hmac, ts from history_entries e
                               where e.project = n.name order by seq desc limit 1) h on true
            left join state_current s on s.project = n.name
            order by n.name""";

    /** A project as listed: its chain head and, when it has one, its state. */
    public record Listed(String project, long seq, String hmac, String headTs, Long version, String checksum,
            String stateUpdatedAt) {
    }

    /** Up to {@code limit} projects named after {@code after} ("" for the first), in name order. */
    public Uni<List<Listed>> page(SqlClient client, String after, int limit) {
        return client.preparedQuery(PAGE).execute(Tuple.of(after, limit))
                .map(rows -> {
                    List<Listed> page = new ArrayList<>();
                    for (Row row : rows) {
                        page.add(listed(row));
                    }
                    return page;
                });
    }

    private static Listed listed(Row row) {
        boolean stated = row.getValue("version") != null;
        return new Listed(row.getString("name"), row.getLong("seq"), row.getString("hmac"),
                Timestamps.format(row.getOffsetDateTime("ts")),
                stated ? row.getLong("version") : null, row.getString("checksum"),
                stated ? Timestamps.format(row.getOffsetDateTime("updated_at")) : null);
    }
}
