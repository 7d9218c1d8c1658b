package io.devstate.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.BadRequest;
import io.devstate.common.HeaderNames;
import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.common.Utf8;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Query, path and header values arrive as text and are parsed here, so a malformed value is a
 * 400 problem naming the parameter (JAX-RS would turn a failed conversion into a bare 404).
 */
public final class Params {

    private static final String DEFAULT_ACTOR = "api";

    private Params() {
    }

    public static long longInRange(String name, String raw, long defaultValue, long min, long max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new BadRequest(name + " must be an integer from " + min + " to " + max).with("field", name);
    }

    /** A read-your-writes header: 0 when absent (any version or seq will do). */
    public static long minimum(String header, String raw) {
        return longInRange(header, raw, 0, 1, Long.MAX_VALUE);
    }

    public static Long optionalLong(String name, String raw, long min, long max) {
        return raw == null || raw.isEmpty() ? null : longInRange(name, raw, 0, min, max);
    }

    /** A JSON object given as a query or header value. */
    public static ObjectNode jsonObject(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.parse(raw, name);
        } catch (Invalid e) {
            throw new BadRequest(e.getMessage()).with("field", name);
        }
        if (!node.isObject()) {
            throw new BadRequest(name + " must be a JSON object").with("field", name);
        }
        if (Json.depth(node) > RequestJsonLimits.MAX_NESTING_DEPTH) {
            throw new BadRequest(name + " is nested deeper than " + RequestJsonLimits.MAX_NESTING_DEPTH + " levels")
                    .with("field", name);
        }
        return (ObjectNode) node;
    }

    /** {@code DevState-Actor}, UTF-8. */
    public static String actor(String header) {
        String actor = headerText(HeaderNames.ACTOR, header);
        return actor == null || actor.isBlank() ? DEFAULT_ACTOR : actor.trim();
    }

    /** {@code DevState-Metadata}: a JSON object in UTF-8. */
    public static ObjectNode metadataHeader(String header) {
        return jsonObject(HeaderNames.METADATA, headerText(HeaderNames.METADATA, header));
    }

    /**
     * A header that carries text: its bytes (HTTP hands them over one per character) as
     * well-formed UTF-8, else 400. Without this, {@code José} would be stored as {@code JosÃ©} and
     * an overlong {@code C0 AF} could pass for {@code /}.
     */
    static String headerText(String name, String raw) {
        if (raw == null || raw.chars().allMatch(c -> c < 0x80)) {
            return raw;
        }
        if (raw.chars().anyMatch(c -> c > 0xff)) {
            return raw; // already decoded text
        }
        try {
            return Utf8.decode(raw.getBytes(StandardCharsets.ISO_8859_1));
        } catch (CharacterCodingException e) {
            throw new BadRequest(name + " is not well-formed UTF-8").with("field", name);
        }
    }

    public static String emptyToNull(String raw) {
        return raw == null || raw.isEmpty() ? null : raw;
    }
}
