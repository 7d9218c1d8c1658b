package io.devstate.history;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.devstate.chain.HistoryRecord;
import io.devstate.common.BadRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** The seq to continue before, or null for the first page. */
    public static Long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadRequest("cursor is not one this service issued").with("field", "cursor");
    }
}
