package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

/** Announcements carry their entries only when they fit and only with a MAC this replica can check. */
class ChainAnnouncementsTest {

    private static final ChainAnnouncements WRITER = new ChainAnnouncements(new Keyring("k1", "writer-secret-0123456789"));

    private static ChainEntry entry(long seq) {
        return new ChainEntry("beamline", seq, "2026-12-07T12:00:00.000001Z", "alice", seq == 2 ? "update_state" : "build",
                null, null, seq == 2 ? "ab".repeat(32) : null, null, "k1", "0".repeat(64), "%064x".formatted(seq));
    }

    private static List<ChainEntry> entries(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(ChainAnnouncementsTest::entry).toList();
    }

    @Test
    void entriesThatFitTravelWithTheirMacAndAreReadBack() {
        String payload = WRITER.payload("beamline", new ChainHead(3, "%064x".formatted(3)), "k1", entries(2, 3));
        ChainAnnouncement read = WRITER.read(payload).orElseThrow();
        assertThat(read.project()).isEqualTo("beamline");
        assertThat(read.head()).isEqualTo(3);
        assertThat(read.entries()).extracting(ChainAnnouncement.Entry::seq).containsExactly(2L, 3L);
        assertThat(read.entries().get(0)).isEqualTo(ChainAnnouncement.Entry.of(entry(2)));
        // A listener that only wants the head (the MCP subscriptions) reads the first line.
        assertThat(ChainAnnouncement.parse(payload).orElseThrow().head()).isEqualTo(3);
        assertThat(ChainAnnouncement.parse(payload).orElseThrow().entries()).isEmpty();
    }

    @Test
    void aForgedTamperedOrForeignAnnouncementIsItsHeadOnly() {
        String payload = WRITER.payload("beamline", new ChainHead(3, "%064x".formatted(3)), "k1", entries(2, 3));
        String tampered = payload.replace("alice", "mallory");
        assertThat(WRITER.read(tampered).orElseThrow().entries()).isEmpty();
        assertThat(WRITER.read(tampered).orElseThrow().head()).isEqualTo(3);
        ChainAnnouncements otherKey = new ChainAnnouncements(new Keyring("k1", "another-secret-0123456789"));
        assertThat(otherKey.read(payload).orElseThrow().entries()).isEmpty();
        ChainAnnouncements otherKid = new ChainAnnouncements(new Keyring("k2", "writer-secret-0123456789"));
        assertThat(otherKid.read(payload).orElseThrow().entries()).isEmpty();
        assertThat(WRITER.read("beamline 3\nk1 00\n[]").orElseThrow().entries()).isEmpty();
        assertThat(WRITER.read("beamline 3\nnot a mac line")).hasValueSatisfying(head -> assertThat(head.head()).isEqualTo(3));
        assertThat(WRITER.read("no head here")).isEmpty();
    }

    @Test
    void entriesThatDoNotEndAtTheHeadOrDoNotFitAreLeftOut() {
        assertThat(WRITER.payload("beamline", new ChainHead(4, "x"), "k1", entries(2, 3))).isEqualTo("beamline 4");
        String big = WRITER.payload("beamline", new ChainHead(200, "x"), "k1", entries(1, 200));
        assertThat(big).isEqualTo("beamline 200");
        assertThat(WRITER.payload("beamline", new ChainHead(3, "x"), "unknown-kid", entries(2, 3))).isEqualTo("beamline 3");
    }
}
