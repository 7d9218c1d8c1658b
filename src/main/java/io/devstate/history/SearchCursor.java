package io.devstate.history;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.devstate.chain.HistoryRecord;
import io.devstate.common.BadRequest;
import io.devstate.common.OpaqueCursor;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Keyset pagination of search results: an opaque cursor naming the last seq of a page. */
public final class SearchCursor {

    private static final String PREFIX = "seq:";

    private SearchCursor() {
    }

    @RegisterForReflection
    public record SearchPage(List<HistoryEntryView> items, @JsonProperty("next_cursor") String nextCursor) {
    }

    /** The page from records fetched with one extra row (which tells whether a next page exists). */
    public static SearchPage page(List<HistoryRecord> records, int limit) {
        boolean more = records.size() > limit;
        List<HistoryRecord> page = more ? records.subList(0, limit) : records;
        String next = more ? encode(page.get(page.size() - 1).entry().seq()) : null;
        return new SearchPage(page.stream().map(HistoryEntryView::of).toList(), next);
    }

    static String encode(long seq) {
        return OpaqueCursor.encode(PREFIX, Long.toString(seq));
    }

    /** The seq to continue before, or null for the first page. */
    public static Long decode(String cursor) {
        String seq = OpaqueCursor.decode(PREFIX, cursor);
        if (seq == null) {
            return null;
        }
        try {
            return Long.parseLong(seq);
        } catch (NumberFormatException e) {
            throw new BadRequest("cursor is not one this service issued").with("field", "cursor");
        }
    }
}
