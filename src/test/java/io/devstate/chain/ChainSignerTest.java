package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.Json;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/** Fixed vectors, computed independently (Python json + hmac), pin the chain rule of docs/CHAIN.md. */
class ChainSignerTest {

    static final String SECRET = "test-secret";
    static final String FIRST_HMAC = "5f51f8f9134668f2817bf5d0e06e84e2b3065502ed39b19c75827562d273315d";
    static final String SECOND_HMAC = "f8302a5e547178c5c7dbe6d0307cbf3f58e2d30438f05f071a70a2e5c6620268";

    private final ChainSigner signer = new ChainSigner(new Keyring("k1", SECRET));

    static ChainEntry first() {
        return new ChainEntry("default", 1, "2026-11-25T10:00:00.123456Z", "alice", "note", null, "CP1-LC", null,
                Json.parse("{\"b\":[1,2],\"a\":\"é\"}", "metadata"), "k1", ChainEntry.GENESIS_HMAC, FIRST_HMAC);
    }

    static ChainEntry second() {
        return new ChainEntry("default", 2, "2026-11-25T10:00:01.000000Z", "alice", "note", null, null, null, null,
                "k1", FIRST_HMAC, SECOND_HMAC);
    }

    @Test
    void messageIsTheCanonicalJsonOfEveryMemberButHmac() {
        assertThat(ChainSigner.message(first())).isEqualTo("{\"action\":\"note\",\"actor\":\"alice\",\"cp_from\":null,"
                + "\"cp_to\":\"CP1-LC\",\"hmac_prev\":\"" + ChainEntry.GENESIS_HMAC + "\",\"kid\":\"k1\","
                + "\"metadata\":{\"a\":\"é\",\"b\":[1,2]},\"project\":\"default\",\"seq\":1,\"state_checksum\":null,"
                + "\"ts\":\"2026-11-25T10:00:00.123456Z\"}");
    }

    @Test
    void hmacOfKnownEntriesMatchesVectors() {
        assertThat(signer.expectedHmac(first())).contains(FIRST_HMAC);
        assertThat(signer.expectedHmac(second())).contains(SECOND_HMAC);
    }

    /**
     * The leaf of the log is the message with {@code hmac}; its hash is the one the Go CLI computes
     * with gowebpki/jcs and transparency-dev/merkle for the same entry (cli/logcheck_test.go).
     */
    @Test
    void theLogLeafIsTheCanonicalJsonOfEveryMember() {
        assertThat(new String(ChainSigner.leafData(first()), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"action\":\"note\",\"actor\":\"alice\",\"cp_from\":null,\"cp_to\":\"CP1-LC\","
                        + "\"hmac\":\"" + FIRST_HMAC + "\",\"hmac_prev\":\"" + ChainEntry.GENESIS_HMAC + "\",\"kid\":\"k1\","
                        + "\"metadata\":{\"a\":\"é\",\"b\":[1,2]},\"project\":\"default\",\"seq\":1,\"state_checksum\":null,"
                        + "\"ts\":\"2026-11-25T10:00:00.123456Z\"}");
        assertThat(java.util.HexFormat.of().formatHex(MerkleHash.leaf(ChainSigner.leafData(first()))))
                .isEqualTo("823efee32b05074244bc5cce9922959868b8c3f698dba4b0e8294bd58c91ee9d");
    }

    @Test
    void signNextLinksToTheHead() {
        EntryDraft draft = new EntryDraft("alice", "note", null, null, null, null, null);
        ChainEntry next = signer.signNext(new ChainHead(1, FIRST_HMAC), "default", "2026-11-25T10:00:01.000000Z", draft, "k1");

        assertThat(next.seq()).isEqualTo(2);
        assertThat(next.hmacPrev()).isEqualTo(FIRST_HMAC);
        assertThat(next.hmac()).isEqualTo(SECOND_HMAC);
    }

    @Test
    void verifierAcceptsTheVectorChainAndNamesTheFirstBreak() {
        ChainVerifier ok = ChainVerifier.fromGenesis(signer);
        assertThat(ok.accept(first())).isTrue();
        assertThat(ok.accept(second())).isTrue();
        assertThat(ok.result().ok()).isTrue();
        assertThat(ok.result().head().hmac()).isEqualTo(SECOND_HMAC);

        ChainEntry tampered = new ChainEntry("default", 1, first().ts(), "mallory", "note", null, "CP1-LC", null,
                first().metadata(), "k1", ChainEntry.GENESIS_HMAC, FIRST_HMAC);
        ChainVerifier broken = ChainVerifier.fromGenesis(signer);
        assertThat(broken.accept(tampered)).isFalse();
        assertThat(broken.result().failure().seq()).isEqualTo(1);
        assertThat(broken.result().failure().reason()).isEqualTo("hmac_mismatch");
        assertThat(broken.result().failure().expected()).isNull();
    }

    @Test
    void anotherProjectNameBreaksTheSignature() {
        ChainEntry moved = new ChainEntry("other", 1, first().ts(), "alice", "note", null, "CP1-LC", null,
                first().metadata(), "k1", ChainEntry.GENESIS_HMAC, FIRST_HMAC);

        assertThat(signer.expectedHmac(moved)).isNotEqualTo(signer.expectedHmac(first()));
    }

    /** The message as the JCS library alone writes it: every member in an ObjectNode, canonicalised. */
    private static String libraryMessage(ChainEntry entry) {
        ObjectNode message = Json.object();
        message.put("project", entry.project());
        message.put("seq", entry.seq());
        message.put("ts", entry.ts());
        message.put("actor", entry.actor());
        message.put("action", entry.action());
        message.put("cp_from", entry.cpFrom());
        message.put("cp_to", entry.cpTo());
        message.put("state_checksum", entry.stateChecksum());
        message.set("metadata", entry.metadata());
        message.put("kid", entry.kid());
        message.put("hmac_prev", entry.hmacPrev());
        try {
            return new JsonCanonicalizer(Json.mapper().writeValueAsString(message)).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ChainEntry withText(String text, long seq, JsonNode metadata) {
        return new ChainEntry(text, seq, text, text, text, text, text, text, metadata, text, text, null);
    }

    @Test
    void writtenOutMessageEqualsTheLibrarysForEveryUtf16CodeUnit() {
        // Every code unit (controls, quotes, backslash, non-ASCII, lone surrogates) in every string member.
        StringBuilder chunk = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            chunk.append((char) c);
            if (chunk.length() == 512 || c == Character.MAX_VALUE) {
                ChainEntry entry = withText(chunk.toString(), c, null);
                assertThat(ChainSigner.message(entry)).as("code units up to U+%04X", c).isEqualTo(libraryMessage(entry));
                chunk.setLength(0);
            }
        }
    }

    @Test
    void writtenOutMessageEqualsTheLibrarysForNullsNumbersAndMetadata() {
        JsonNode metadata = Json.parse("{\"z\":[1.50,-0,1E21,1e-7,12345678901234567890],\"a\":{\"\u00e9\":null,"
                + "\"\\u0001\":true}}", "metadata");
        ChainEntry nulls = new ChainEntry("p", 1, "t", "a", "b", null, null, null, null, "k1", "h", null);
        ChainEntry big = new ChainEntry("p", (1L << 53) - 1, "t", "a", "b", "c", "d", "e", metadata, "k1", "h", null);

        assertThat(ChainSigner.message(nulls)).isEqualTo(libraryMessage(nulls));
        assertThat(ChainSigner.message(big)).isEqualTo(libraryMessage(big));
    }

    @Test
    void wholeNumbersAreWrittenAsTheLibraryWritesThem() throws IOException {
        for (long base : new long[] { 0, 1L << 53, Long.MAX_VALUE, Long.MIN_VALUE + 2, 1L << 62 }) {
            for (long delta = -2; delta <= 2; delta++) {
                for (long value : new long[] { base + delta, -(base + delta) }) {
                    String library = new JsonCanonicalizer("[" + value + "]").getEncodedString();
                    assertThat("[" + ChainSigner.number(value) + "]").as("%d", value).isEqualTo(library);
                }
            }
        }
    }
}
