package io.devstate.history;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.devstate.metrics.DevStateMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** Verifies a stored chain in pages, so memory does not grow with the chain. */
@ApplicationScoped
public class VerifyService {

    static final int PAGE_SIZE = 1000;

    private final Pool pool;
    private final HistoryRepository repository;
    private final ChainSigner signer;
    private final DevStateMetrics metrics;

    public VerifyService(Pool pool, HistoryRepository repository, ChainSigner signer, DevStateMetrics metrics) {
        this.pool = pool;
        this.repository = repository;
        this.signer = signer;
        this.metrics = metrics;
    }

    /** Verifies from seq {@code from} on, at most {@code limit} entries when given. */
    public Uni<VerifyResult> verify(String project, long from, Long limit) {
        long first = Math.max(1, from);
        long start = System.nanoTime();
        return startingPoint(project, first)
                .chain(verifier -> verifyPages(project, verifier, first - 1, limit == null ? Long.MAX_VALUE : limit))
                .invoke(result -> metrics.verified(result.ok(), start));
    }

    /**
     * From seq 1 the walk starts at genesis; a later start trusts the stored hmac of the entry
     * before it (a missing one is reported as a gap by the walker).
     */
    private Uni<ChainVerifier> startingPoint(String project, long first) {
        if (first == 1) {
            return Uni.createFrom().item(ChainVerifier.fromGenesis(signer));
        }
        return repository.find(pool, project, first - 1)
                .map(previous -> new ChainVerifier(signer, first,
                        previous.map(found -> found.entry().hmac()).orElse(null)));
    }

    private Uni<VerifyResult> verifyPages(String project, ChainVerifier verifier, long afterSeq, long limit) {
        long remaining = limit - verifier.verified();
        if (remaining <= 0) {
            return Uni.createFrom().item(verifier.result());
        }
        int pageSize = (int) Math.min(PAGE_SIZE, remaining);
        return repository.range(pool, project, afterSeq, pageSize)
                .chain(page -> verifyPage(project, verifier, page, pageSize, limit));
    }

    private Uni<VerifyResult> verifyPage(String project, ChainVerifier verifier, List<ChainEntry> page,
            int pageSize, long limit) {
        page.forEach(verifier::accept);
        if (verifier.failed() || page.size() < pageSize) {
            return Uni.createFrom().item(verifier.result());
        }
        return verifyPages(project, verifier, page.get(page.size() - 1).seq(), limit);
    }
}
