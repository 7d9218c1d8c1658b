package io.devstate.bench;

import com.fasterxml.jackson.databind.JsonNode;

import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainSigner;
import io.devstate.common.Json;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The parts of signing one entry: metadata parse, canonical message (RFC 8785), HMAC. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigningBenchmark {

    private BenchChain chain;
    private ChainEntry entry;
    private String storedMetadata;
    private String message;

    @Setup
    public void setUp() {
        chain = new BenchChain(10);
        entry = chain.entries.get(6);
        storedMetadata = chain.storedMetadata.get(6);
        message = ChainSigner.message(entry);
    }

    /** What the row mapper does with {@code metadata::text}. */
    @Benchmark
    public JsonNode parseStoredMetadata() {
        return Json.parse(storedMetadata, "stored metadata");
    }

    /** What the verify row mapper does with {@code metadata::text} since the verify-path work. */
    @Benchmark
    public String canonicalStoredMetadata() {
        return Json.canonicalText(storedMetadata);
    }

    /** The JCS message of an entry whose metadata is already parsed. */
    @Benchmark
    public String canonicalMessage() {
        return ChainSigner.message(entry);
    }

    /** HMAC-SHA256 (hex) of a ready message. */
    @Benchmark
    public Object hmacOfMessage() {
        return chain.keyring.sign(BenchChain.KID, message);
    }

    /** Message and HMAC together: what verify computes per entry. */
    @Benchmark
    public Object expectedHmac() {
        return chain.signer.expectedHmac(entry);
    }
}
