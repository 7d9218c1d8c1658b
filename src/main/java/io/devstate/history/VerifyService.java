package io.devstate.history;

import io.devstate.chain.ChainReader;
import io.devstate.chain.ChainSigner;
import io.devstate.chain.ChainVerifier;
import io.devstate.chain.StoredEntry;
import io.devstate.chain.VerifyResult;
import io.devstate.database.Database;
import io.devstate.metrics.DevStateMetrics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Verifies a stored chain in pages, so memory does not grow with the chain. The next page is
 * requested before the current one is checked: PostgreSQL reads and sends it while this process
 * computes HMACs, and at most two pages are held at a time. The checking (canonical metadata,
 * HMAC) runs on a worker thread: a page is a few milliseconds of CPU, and a 100k-entry verify
 * would otherwise take the event loop from every other request for that long, page after page.
 */
@ApplicationScoped
public class VerifyService {

    static final int PAGE_SIZE = 1000;

    private final Database database;
    private final ChainReader reader;
    private final ChainSigner signer;
    private final DevStateMetrics metrics;

    public VerifyService(Database database, ChainReader reader, ChainSigner signer, DevStateMetrics metrics) {
        this.database = database;
        this.reader = reader;
        this.signer = signer;
        this.metrics = metrics;
    }

    /** Verifies from seq {@code from} on, at most {@code limit} entries when given. */
    public Uni<VerifyResult> verify(String project, long from, Long limit) {
        long first = Math.max(1, from);
        long max = limit == null ? Long.MAX_VALUE : limit;
        long start = System.nanoTime();
        return startingPoint(project, first)
                .chain(verifier -> walk(project, verifier, request(project, first - 1, max), max))
                .invoke(result -> metrics.verified(project, result.ok(), start));
    }

    /**
     * From seq 1 the walk starts at genesis; a later start trusts the stored hmac of the entry
     * before it (a missing one is reported as a gap by the walker).
     */
    private Uni<ChainVerifier> startingPoint(String project, long first) {
        if (first == 1) {
            return Uni.createFrom().item(ChainVerifier.fromGenesis(signer));
        }
        return database.read(db -> reader.find(db, project, first - 1))
                .map(previous -> new ChainVerifier(signer, first,
                        previous.map(found -> found.entry().hmac()).orElse(null)));
    }

    /** A page already requested from the database, and how many entries were asked for. */
    private record PendingPage(CompletionStage<Rows> rows, int size) {
    }

    /**
     * A page's rows, handed out once. Every step of the walk keeps its stages (the completed
     * database stage, the checking step's supplier) until the whole walk ends, so nothing in them
     * may reference the rows themselves: only this holder, emptied when the page is checked.
     * Holding the rows there kept every page of the walk (~1 kB per entry: a 100k-entry verify ran
     * out of a 64 MiB heap; {@code VerifyMemoryIT}).
     */
    private static final class Rows {
        private List<StoredEntry> entries;

        Rows(List<StoredEntry> entries) {
            this.entries = entries;
        }

        /** Before {@link #take()} only, like {@link #lastSeq()}. */
        int size() {
            return entries.size();
        }

        long lastSeq() {
            return entries.get(entries.size() - 1).entry().seq();
        }

        List<StoredEntry> take() {
            List<StoredEntry> taken = entries;
            entries = null;
            return taken;
        }
    }

    /** Sends the page query now (subscribing starts it); the result is picked up by {@link #walk}. */
    private PendingPage request(String project, long afterSeq, long remaining) {
        int size = (int) Math.min(PAGE_SIZE, remaining);
        CompletionStage<Rows> rows = database.read(db -> reader.verifyRange(db, project, afterSeq, size))
                .map(Rows::new)
                .subscribeAsCompletionStage();
        return new PendingPage(rows, size);
    }

    private Uni<VerifyResult> walk(String project, ChainVerifier verifier, PendingPage pending, long limit) {
        return Uni.createFrom().completionStage(pending.rows())
                .chain(rows -> verifyPage(project, verifier, rows, pending.size(), limit));
    }

    private Uni<VerifyResult> verifyPage(String project, ChainVerifier verifier, Rows page, int askedFor, long limit) {
        long remainingAfterPage = limit - verifier.verified() - page.size();
        boolean lastPage = page.size() < askedFor || remainingAfterPage <= 0;
        // Request the next page before the CPU work on this one; if this page breaks the chain,
        // the next one is simply dropped.
        PendingPage next = lastPage ? null : request(project, page.lastSeq(), remainingAfterPage);
        return Uni.createFrom().item(() -> {
            page.take().forEach(verifier::accept);
            return verifier.failed() || lastPage;
        })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(done -> done ? Uni.createFrom().item(verifier.result()) : walk(project, verifier, next, limit));
    }
}
