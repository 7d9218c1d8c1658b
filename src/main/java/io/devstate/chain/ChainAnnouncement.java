package io.devstate.chain;

import java.util.Optional;

/**
 * What a commit that appended entries announces on {@link ChainWriter#CHANGES_CHANNEL}: the
 * project and the seq its chain now ends at, as {@code <project> <head seq>}. The one format the
 * writer sends and every listener (the change feed, the MCP subscriptions) reads.
 */
public record ChainAnnouncement(String project, long head) {

    String payload() {
        return project + ' ' + head;
    }

    /** Empty for a payload not in that form (anyone who may connect to the database can NOTIFY). */
    public static Optional<ChainAnnouncement> parse(String payload) {
        int space = payload.lastIndexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ChainAnnouncement(payload.substring(0, space),
                    Long.parseLong(payload.substring(space + 1))));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }
}
