package io.devstate.mcp;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.BadRequest;
import io.devstate.common.Json;

/**
 * Tool arguments as agents send them. Models often quote what the schema says is a number
 * ({@code "ttl_sec": "60"}) or send an object as the JSON text of one ({@code "patch":
 * "{\"current_cp\":\"CP2-LC\"}"}); both mean one thing, so both are taken. Anything else is a 400
 * tool error that names the argument and shows what to send, instead of the extension's "unable to
 * convert value".
 */
final class ToolArgs {

    private static final String FILES_EXAMPLE = "{\".trae/history.json\": \"{\\n  \\\"project\\\": ...\"}";

    private ToolArgs() {
    }

    /** A required object argument, as {@link #object}. */
    static ObjectNode requiredObject(String name, Object value, String example) {
        ObjectNode object = object(name, value, example);
        if (object == null) {
            throw new BadRequest(name + " is required, e.g. \"" + name + "\": " + example).with("field", name);
        }
        return object;
    }

    /** An object argument: a JSON object, or the JSON text of one; null when absent. */
    static ObjectNode object(String name, Object value, String example) {
        if (value == null) {
            return null;
        }
        JsonNode node = value instanceof String text ? parsed(text) : Json.mapper().valueToTree(value);
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new BadRequest(name + " must be a JSON object, e.g. \"" + name + "\": " + example).with("field", name);
    }

    /**
     * An integer argument: a JSON integer, or a string of one; null when absent. The range is the
     * service's to check; {@code rule} and {@code example} only word the error.
     */
    static Long integer(String name, Object value, String rule, long example) {
        if (value == null) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value.toString().trim());
            return number.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequest(name + " must be an integer " + rule + ", e.g. \"" + name + "\": " + example)
                    .with("field", name);
        }
    }

    /** {@link #integer} for an argument whose range fits an {@code int}. */
    static Integer smallInteger(String name, Object value, String rule, int example) {
        Long number = integer(name, value, rule, example);
        if (number == null) {
            return null;
        }
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            throw new BadRequest(name + " must be an integer " + rule).with("field", name);
        }
        return number.intValue();
    }

    /** File path to exact file text, as export_files returns them and import_files takes them. */
    static Map<String, String> files(Object value) {
        ObjectNode files = requiredObject("files", value, FILES_EXAMPLE);
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> file : files.properties()) {
            if (!file.getValue().isTextual()) {
                throw new BadRequest("files[\"" + file.getKey() + "\"] must be the file's exact text (a JSON string), "
                        + "as export_files returns it, e.g. \"files\": " + FILES_EXAMPLE).with("field", "files");
            }
            texts.put(file.getKey(), file.getValue().textValue());
        }
        return texts;
    }

    private static JsonNode parsed(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return Json.mapper().getNodeFactory().textNode(text);
        }
    }
}
