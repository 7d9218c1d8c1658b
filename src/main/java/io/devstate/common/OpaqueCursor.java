package io.devstate.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The keyset cursors of paged lists: a position behind a prefix naming its kind, in URL-safe
 * base64, so a client passes it back as it got it and anything else is a clear 400.
 */
public final class OpaqueCursor {

    private OpaqueCursor() {
    }

    public static String encode(String prefix, String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((prefix + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The position of a cursor this service issued with {@code prefix}; null for none (the first page). */
    public static String decode(String prefix, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(prefix) && text.length() > prefix.length()) {
                return text.substring(prefix.length());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadRequest("cursor is not one this service issued").with("field", "cursor");
    }
}
