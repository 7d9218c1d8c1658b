package io.devstate.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.web.RequestJsonLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.erdtman.jcs.JsonCanonicalizer;

/**
 * JSON as DevState signs and renders it. The mapper here is private on purpose: the bytes of a
 * signed message or an exported file must not change when the REST layer's mapper is tuned.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    // Request bodies allow 32 levels; a file adds a few levels of its own around them.
                    .maxNestingDepth(RequestJsonLimits.MAX_NESTING_DEPTH + 8)
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build())
            // Exact decimals: a rendered file shows numbers as they were stored.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private static final DefaultPrettyPrinter FILE_PRINTER = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text; malformed text is the caller's {@link Invalid} with the given label. */
    public static JsonNode parse(String text, String label) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new Invalid(label + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Invalid(label + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** RFC 8785 canonical form of a JSON value. */
    public static String canonical(JsonNode node) {
        try {
            return new JsonCanonicalizer(MAPPER.writeValueAsString(node)).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new Invalid("JSON value cannot be canonicalised (RFC 8785): " + e.getMessage());
        }
    }

    /**
     * RFC 8785 canonical form of JSON text, straight from the text (no Jackson tree in between):
     * for text that is known to be valid JSON, such as PostgreSQL's rendering of a jsonb column.
     */
    public static String canonicalText(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new Invalid("JSON text cannot be canonicalised (RFC 8785): " + e.getMessage());
        }
    }

    /** The value re-read from its canonical form: members in canonical order, numbers normalised. */
    public static JsonNode normalise(JsonNode node) {
        try {
            return MAPPER.readTree(canonical(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code sha256:} + lowercase hex SHA-256 of the canonical bytes. */
    public static String checksum(JsonNode node) {
        return "sha256:" + sha256Hex(canonical(node).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Deterministic file text: 2-space indent, LF, {@code "key": value}, trailing newline. */
    public static String renderFile(JsonNode node) {
        try {
            return MAPPER.writer(FILE_PRINTER).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nesting depth: a scalar is 0, {@code {}} or {@code []} is 1. */
    public static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    /**
     * What DevState stores and signs must be what the client sent: refused are U+0000 (jsonb
     * cannot hold it; 422), and, as 400, unpaired surrogates (stored as {@code ?}), numbers that
     * are not finite ({@code 1e400} became "Infinity"). Whole numbers of any size are kept: they
     * are signed as their digits (ChainSigner).
     */
    public static void requireStorable(JsonNode node, String label) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            requireStorableText(node.textValue(), label);
        } else if (node.isNumber()) {
            requireStorableNumber(node, label);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                requireStorableText(field.getKey(), label);
                requireStorable(field.getValue(), label);
            }
        } else if (node.isArray()) {
            node.forEach(item -> requireStorable(item, label));
        }
    }

    private static void requireStorableText(String text, String label) {
        if (text.indexOf('\0') >= 0) {
            throw new Invalid(label + " contains the character U+0000, which cannot be stored");
        }
        if (Utf8.hasLoneSurrogate(text)) {
            throw new BadRequest(label + " contains an unpaired UTF-16 surrogate (e.g. \\ud800 alone), "
                    + "which is not a character").with("field", label);
        }
    }

    private static void requireStorableNumber(JsonNode number, String label) {
        if (!number.isIntegralNumber() && !Double.isFinite(number.doubleValue())) {
            throw new BadRequest(label + " contains the number " + abbreviate(number.asText())
                    + ", out of the range of JSON numbers (IEEE 754 doubles)")
                    .with("field", label);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
