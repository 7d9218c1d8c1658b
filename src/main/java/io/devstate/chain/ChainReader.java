package io.devstate.chain;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only view of the chains, for features that show, search, verify or export them. Each
 * read runs on the client it is given: a pooled connection, or a read-only snapshot transaction
 * that several reads must share. Writing is {@link ChainWriter}'s alone.
 */
@ApplicationScoped
public class ChainReader {

    private final ChainStore store;

    ChainReader(ChainStore store) {
        this.store = store;
    }

    /** The newest entry's seq and hmac, {@link ChainHead#GENESIS} for a project without history. */
    public Uni<ChainHead> head(SqlClient client, String project) {
        return store.head(client, project);
    }

    /** Every project with history and the seq its chain ends at. */
    public Uni<Map<String, Long>> heads(SqlClient client) {
        return store.heads(client);
    }

    public Uni<Optional<HistoryRecord>> find(SqlClient client, String project, long seq) {
        return store.find(client, project, seq);
    }

    /**
     * Up to {@code limit} entries with {@code afterSeq < seq <= throughSeq}, in chain order. Entries
     * never change once written, so pages up to a head read earlier form one consistent chain even
     * when each page is its own query.
     */
    public Uni<List<ChainEntry>> range(SqlClient client, String project, long afterSeq, long throughSeq,
            int limit) {
        return store.range(client, project, afterSeq, throughSeq, limit);
    }

    /** As {@link #range} in the form verify needs: metadata as stored text, never parsed into a tree. */
    public Uni<List<StoredEntry>> verifyRange(SqlClient client, String project, long afterSeq, int limit) {
        return store.verifyRange(client, project, afterSeq, limit);
    }

    /** Newest first; one row more than {@code query.limit()} tells the caller a next page exists. */
    public Uni<List<HistoryRecord>> search(SqlClient client, HistoryQuery query) {
        return store.search(client, query);
    }
}
