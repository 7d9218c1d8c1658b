package io.devstate.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The contract the service serves ({@code openapi/devstate.yaml}, packaged as
 * {@code META-INF/openapi/devstate.yaml}), parsed once: the edge's method table and the MCP tools'
 * schemas both read it, so neither can drift from what {@code /q/openapi} says.
 */
public final class ServedContract {

    public static final String RESOURCE = "META-INF/openapi/devstate.yaml";

    private static final class Parsed {
        static final JsonNode TREE = parse();
    }

    private ServedContract() {
    }

    /** The contract's tree; shared, so callers must not change it (copy what they change). */
    public static JsonNode tree() {
        return Parsed.TREE;
    }

    private static JsonNode parse() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
