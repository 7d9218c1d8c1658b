package io.devstate.chain;

import io.devstate.common.Invalid;
import io.devstate.common.NotFound;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read-only view of the projects' logs: checkpoints and proofs. Each read takes the tree's edge,
 * then the full tiles the answer needs (one query); full tiles never change, so the two reads
 * agree without a transaction. Costs O(log n): a few tiles whatever the size of the log.
 */
@ApplicationScoped
public class LogReader {

    private final LogStore store;
    private final LogSigner signer;

    LogReader(LogStore store, LogSigner signer) {
        this.store = store;
        this.signer = signer;
    }

    /** A checkpoint: the tree of {@code size} leaves and its signed note. */
    public record Checkpoint(String origin, long size, byte[] root, String note) {
    }

    /** The hashes of an inclusion or consistency proof, in RFC 9162 order. */
    public record Proof(long treeSize, List<byte[]> hashes) {
    }

    /** The checkpoint at {@code size}, or of the whole log when {@code size} is null. */
    public Uni<Checkpoint> checkpoint(SqlClient client, String project, Long size) {
        return store.head(client, project).chain(head -> checkpoint(client, project, head, size == null ? head.size() : size));
    }

    /**
     * The checkpoint of the first {@code size} entries, empty while the project's log does not
     * cover them yet (a chain written before its log, until its leaves are added).
     */
    public Uni<Optional<Checkpoint>> checkpointCovering(SqlClient client, String project, long size) {
        return store.head(client, project).chain(head -> head.size() < size
                ? Uni.createFrom().item(Optional.<Checkpoint>empty())
                : checkpoint(client, project, head, size).map(Optional::of));
    }

    /** The stored root serves the latest size; an earlier one is recomputed from the tiles. */
    private Uni<Checkpoint> checkpoint(SqlClient client, String project, LogStore.Head head, long size) {
        if (size == head.size()) {
            return Uni.createFrom().item(checkpointOf(project, size, head.root()));
        }
        return withTree(client, project, edge -> {
            requireWithin(size, edge, "size");
            return proofs -> proofs.root(size);
        }).map(root -> checkpointOf(project, size, root));
    }

    /** The inclusion proof of leaf {@code index} in the tree of {@code size} leaves (null: the whole log). */
    public Uni<Proof> inclusion(SqlClient client, String project, long index, Long size) {
        return withTree(client, project, edge -> {
            long at = size == null ? edge.size() : size;
            requireWithin(at, edge, "size");
            requireLeaf(index, at);
            return proofs -> new Proof(at, proofs.inclusion(index, at));
        });
    }

    /**
     * Leaf {@code index}'s inclusion proof in the tree of {@code size} leaves (null: the whole log)
     * with that tree's checkpoint: the parts of a tlog-proof, from one read of the tree.
     */
    public Uni<EntryProof> entryProof(SqlClient client, String project, long index, Long size) {
        return withTree(client, project, edge -> {
            long at = size == null ? edge.size() : size;
            requireWithin(at, edge, "size");
            requireLeaf(index, at);
            return proofs -> new ProofAndRoot(new Proof(at, proofs.inclusion(index, at)), proofs.root(at));
        }).map(found -> new EntryProof(found.proof(), checkpointOf(project, found.proof().treeSize(), found.root())));
    }

    /** An inclusion proof and the checkpoint of the tree it leads to. */
    public record EntryProof(Proof proof, Checkpoint checkpoint) {
    }

    private record ProofAndRoot(Proof proof, byte[] root) {
    }

    /** The consistency proof from the tree of {@code from} leaves to that of {@code to} (null: the whole log). */
    public Uni<Proof> consistency(SqlClient client, String project, long from, Long to) {
        return withTree(client, project, edge -> {
            long at = to == null ? edge.size() : to;
            requireWithin(at, edge, "to");
            if (from > at) {
                throw new Invalid("from " + from + " is larger than to " + at).with("field", "from");
            }
            return proofs -> new Proof(at, proofs.consistency(from, at));
        });
    }

    public String verifierKey(String project) {
        return signer.verifierKey(project);
    }

    public String origin(String project) {
        return signer.origin(project);
    }

    private Checkpoint checkpointOf(String project, long size, byte[] root) {
        return new Checkpoint(signer.origin(project), size, root, signer.checkpoint(project, size, root));
    }

    private static void requireWithin(long size, TreeTiles edge, String name) {
        if (size < 0 || size > edge.size()) {
            throw new NotFound(name + " " + size + " is beyond the log's " + edge.size() + " leaves").with("field", name);
        }
    }

    private static void requireLeaf(long index, long size) {
        if (index >= size) {
            throw new NotFound("entry " + (index + 1) + " is not in the tree of " + size + " entries").with("field", "seq");
        }
    }

    /**
     * Reads the edge, lets {@code plan} check the request and say what to compute, runs that once
     * to learn the tiles it reads, reads them, and runs it for real.
     */
    private <T> Uni<T> withTree(SqlClient client, String project, Function<TreeTiles, Function<TreeProofs, T>> plan) {
        return store.edge(client, project).chain(edge -> {
            Function<TreeProofs, T> compute = plan.apply(edge);
            TileNodes recording = TileNodes.recording(edge);
            compute.apply(new TreeProofs(recording));
            return store.tiles(client, project, recording.needed())
                    .map(tiles -> compute.apply(new TreeProofs(TileNodes.from(edge, tiles))));
        });
    }
}
