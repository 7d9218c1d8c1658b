package io.devstate.chain;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/**
 * What a commit that appended entries announces on {@link ChainWriter#CHANGES_CHANNEL}: the
 * project and the seq its chain now ends at, as a first line {@code <project> <head seq>}, and, when
 * they fit in a notification, the summaries of the entries it committed ({@link ChainAnnouncements}
 * writes and checks them). The one format the writer sends and every listener (the change feed, the
 * MCP subscriptions) reads.
 */
public record ChainAnnouncement(String project, long head, List<Entry> entries) {

    /** One committed entry as announced: what the change feed tells its subscribers, nothing more. */
    @RegisterForReflection
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({ "seq", "ts", "actor", "action", "hmac", "stateChecksum" })
    public record Entry(long seq, String ts, String actor, String action, String hmac, String stateChecksum) {

        static Entry of(ChainEntry entry) {
            return new Entry(entry.seq(), entry.ts(), entry.actor(), entry.action(), entry.hmac(), entry.stateChecksum());
        }
    }

    public ChainAnnouncement {
        entries = List.copyOf(entries);
    }

    String firstLine() {
        return project + ' ' + head;
    }

    /**
     * The project and head of a payload, never its entries (those only {@link ChainAnnouncements}
     * reads, checking who wrote them); empty for a payload not in that form (anyone who may connect
     * to the database can NOTIFY).
     */
    public static Optional<ChainAnnouncement> parse(String payload) {
        int end = payload.indexOf('\n');
        String first = end < 0 ? payload : payload.substring(0, end);
        int space = first.lastIndexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ChainAnnouncement(first.substring(0, space),
                    Long.parseLong(first.substring(space + 1)), List.of()));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
