package io.devstate.bench;

import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainHead;
import io.devstate.chain.ChainSigner;
import io.devstate.chain.EntryDraft;
import io.devstate.chain.Keyring;
import io.devstate.common.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * A signed chain shaped like the one scripts/bench.sh seeds (loadtest/workloads.go entryFields),
 * with each entry's metadata also kept as PostgreSQL's {@code jsonb::text} renders it, which is
 * what the verify path reads from the database.
 */
final class BenchChain {

    static final String PROJECT = "bench";
    static final String KID = "k1";
    private static final String[] ACTORS = {"alice", "bob", "ci", "devstate-agent"};
    private static final String[] ACTIONS = {"note", "cp_transition", "deploy", "review"};

    final Keyring keyring = new Keyring(KID, "0123456789abcdef0123456789abcdef");
    final ChainSigner signer = new ChainSigner(keyring);
    final List<ChainEntry> entries = new ArrayList<>();
    final List<String> storedMetadata = new ArrayList<>();

    BenchChain(int length) {
        ChainHead head = ChainHead.GENESIS;
        for (long i = 1; i <= length; i++) {
            String action = ACTIONS[(int) ((i / 3) % ACTIONS.length)];
            boolean transition = action.equals("cp_transition");
            // jsonb orders members by key length, then bytewise, and writes ", " and ": ".
            String stored = "{\"run\": " + i + ", \"files\": [\"src/main/java/io/devstate/F" + (i % 97)
                    + ".java\", \"docs/API.md\"], \"ticket\": \"DS-" + (i % 500) + "\"}";
            EntryDraft draft = new EntryDraft(ACTORS[(int) (i % ACTORS.length)], action,
                    transition ? "CP" + (1 + (i / 5) % 8) + "-LC" : null,
                    transition ? "CP" + (2 + (i / 5) % 8) + "-LC" : null,
                    null, Json.parse(stored, "metadata"), null);
            String ts = String.format("2026-11-25T10:%02d:%02d.%06dZ", (i / 60_000) % 60, (i / 1000) % 60,
                    (i % 1000) * 1000);
            ChainEntry entry = signer.signNext(head, PROJECT, ts, draft, KID);
            entries.add(entry);
            storedMetadata.add(stored);
            head = new ChainHead(entry.seq(), entry.hmac());
        }
    }
}
