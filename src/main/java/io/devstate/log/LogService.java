package io.devstate.log;

import io.devstate.chain.LogReader;
import io.devstate.database.Database;
import io.smallrye.mutiny.Uni;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Base64;
import java.util.List;

/**
 * The verifiable log of a project's history, for HTTP and MCP alike: its signed checkpoints,
 * inclusion and consistency proofs, and the key that verifies them (docs/CHAIN.md, "The log").
 */
@ApplicationScoped
public class LogService {

    private final Database database;
    private final LogReader log;

    public LogService(Database database, LogReader log) {
        this.database = database;
        this.log = log;
    }

    /** The signed note of the checkpoint at {@code size} (null: the latest). */
    public Uni<String> checkpoint(String project, Long size) {
        return database.read(db -> log.checkpoint(db, project, size)).map(LogReader.Checkpoint::note);
    }

    /** Leaf {@code seq - 1} is entry {@code seq}. */
    public Uni<LogViews.InclusionProof> inclusion(String project, long seq, Long size) {
        return database.read(db -> log.inclusion(db, project, seq - 1, size))
                .map(proof -> new LogViews.InclusionProof(seq, seq - 1, proof.treeSize(), base64(proof)));
    }

    public Uni<LogViews.ConsistencyProof> consistency(String project, long from, Long to) {
        return database.read(db -> log.consistency(db, project, from, to))
                .map(proof -> new LogViews.ConsistencyProof(from, proof.treeSize(), base64(proof)));
    }

    public LogViews.LogKey key(String project) {
        return new LogViews.LogKey(log.origin(project), log.verifierKey(project));
    }

    private static List<String> base64(LogReader.Proof proof) {
        return proof.hashes().stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
