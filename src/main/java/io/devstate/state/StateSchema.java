package io.devstate.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.devstate.common.Invalid;
import io.devstate.config.DevStateConfig;
import io.quarkus.runtime.Startup;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The state JSON Schema, loaded once at startup (a broken schema fails the start, not a request).
 * Validation uses networknt json-schema-validator: maintained, Jackson-native, covers draft 7.
 */
@Startup
@ApplicationScoped
public class StateSchema {

    static final String BUNDLED = "devstate/STATE.schema.json";

    private final Schema schema;

    public StateSchema(DevStateConfig config) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        try (InputStream in = open(config.state().schemaPath().orElse(null))) {
            this.schema = registry.getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the state schema", e);
        }
    }

    private static InputStream open(String path) throws IOException {
        if (path != null) {
            return Files.newInputStream(Path.of(path));
        }
        InputStream bundled = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED);
        if (bundled == null) {
            throw new IOException("bundled schema " + BUNDLED + " is missing from the application");
        }
        return bundled;
    }

    /** Throws {@link Invalid} listing every violation when the document does not validate. */
    public void validate(JsonNode document, String label) {
        List<Error> errors = schema.validate(document);
        if (!errors.isEmpty()) {
            List<Map<String, String>> listed = errors.stream()
                    .map(error -> Map.of("path", error.getInstanceLocation().toString(), "message", error.getMessage()))
                    .toList();
            throw new Invalid(label + " does not match the state schema (" + errors.size() + " violation"
                    + (errors.size() == 1 ? "" : "s") + ")").with("errors", listed);
        }
    }
}
