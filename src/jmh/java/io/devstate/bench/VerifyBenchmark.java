package io.devstate.bench;

import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainVerifier;
import io.devstate.chain.StoredEntry;
import io.devstate.chain.VerifyResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Verify per entry, CPU only (no database): one page of {@value #PAGE} stored rows is mapped the way
 * the repository maps them and walked by {@link ChainVerifier}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyBenchmark {

    static final int PAGE = 1000;

    private BenchChain chain;
    private List<ChainEntry> unparsed;

    @Setup
    public void setUp() {
        chain = new BenchChain(PAGE);
        unparsed = new ArrayList<>(PAGE);
        // As verifyRange reads them: no metadata tree.
        chain.entries.forEach(entry -> unparsed.add(new ChainEntry(entry.project(), entry.seq(), entry.ts(),
                entry.actor(), entry.action(), entry.cpFrom(), entry.cpTo(), entry.stateChecksum(), null,
                entry.kid(), entry.hmacPrev(), entry.hmac())));
    }

    /**
     * What verify does per stored row since the verify-path work: metadata canonicalised from its
     * stored text (StoredEntry keeps it as verifyRange read it), message + HMAC + checks.
     * (Before that work the row mapper parsed the text into a tree: see docs/benchmarks/JMH.md.)
     */
    @Benchmark
    @OperationsPerInvocation(PAGE)
    public VerifyResult verifyStoredRows() {
        ChainVerifier verifier = ChainVerifier.fromGenesis(chain.signer);
        for (int i = 0; i < PAGE; i++) {
            verifier.accept(new StoredEntry(unparsed.get(i), chain.storedMetadata.get(i)));
        }
        return verifier.result();
    }

    /** Entries whose metadata is already a tree (the import path): message + HMAC + checks. */
    @Benchmark
    @OperationsPerInvocation(PAGE)
    public VerifyResult verifyParsedEntries() {
        ChainVerifier verifier = ChainVerifier.fromGenesis(chain.signer);
        for (int i = 0; i < PAGE; i++) {
            verifier.accept(chain.entries.get(i));
        }
        return verifier.result();
    }
}
