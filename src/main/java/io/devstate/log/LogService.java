package io.devstate.log;

import io.devstate.chain.ChainReader;
import io.devstate.chain.ChainSigner;
import io.devstate.chain.LogReader;
import io.devstate.chain.TlogProof;
import io.devstate.common.NotFound;
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
    private final ChainReader chain;

    public LogService(Database database, LogReader log, ChainReader chain) {
        this.database = database;
        this.log = log;
        this.chain = chain;
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

    /** Entry {@code seq}'s inclusion as a C2SP tlog-proof: its leaf data, the proof and the checkpoint. */
    public Uni<String> tlogProof(String project, long seq, Long size) {
        return database.read(db -> log.entryProof(db, project, seq - 1, size)
                // The entry alone (range, not find: its tombstone does not matter here).
                .chain(proof -> chain.range(db, project, seq - 1, seq, 1)
                        .map(found -> found.stream().findFirst().orElseThrow(() -> new NotFound("project '"
                                + project + "' has no history entry " + seq).with("field", "seq")))
                        .map(entry -> TlogProof.format(ChainSigner.leafData(entry), seq - 1, proof.proof().hashes(),
                                proof.checkpoint().note()))));
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
