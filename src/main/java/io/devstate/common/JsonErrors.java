package io.devstate.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.devstate.web.RequestJsonLimits;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What is wrong with a JSON body, in the client's terms: the member and the JSON type it needs,
 * never a Java class or a parser setting (Jackson's own messages name both).
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static String describe(JsonProcessingException e) {
        if (e instanceof DatabindException && e.getCause() instanceof JsonProcessingException cause && cause != e) {
            return describe(cause); // a parser failure met while binding: the parser's words
        }
        if (e instanceof StreamConstraintsException) {
            String message = e.getOriginalMessage();
            return message.contains("nesting depth")
                    ? "the JSON body is nested deeper than " + RequestJsonLimits.MAX_NESTING_DEPTH + " levels"
                    : "the JSON body holds a value larger than this service accepts";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Trailing token")) {
                return "the body holds more than one JSON value; send exactly one";
            }
            if (message.startsWith("No content")) {
                return "a JSON body is required";
            }
            String member = memberOf(mismatch);
            String expected = jsonType(mismatch.getTargetType());
            return (member.isEmpty() ? "the JSON body" : "member '" + member + "'")
                    + (expected == null ? " does not have the expected JSON type" : " must be " + expected);
        }
        if (e instanceof DatabindException) {
            return "the JSON body does not have the expected shape";
        }
        // Parser errors ("Unexpected character ...", "Duplicate field 'a'") speak of the JSON text itself.
        return "malformed JSON body: " + e.getOriginalMessage();
    }

    private static String memberOf(MismatchedInputException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : reference.getIndex() >= 0 ? "[" + reference.getIndex() + "]" : "?")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String jsonType(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || JsonNode.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        return null;
    }
}
