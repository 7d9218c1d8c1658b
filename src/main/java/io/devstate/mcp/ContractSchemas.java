package io.devstate.mcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.Json;
import io.devstate.common.ServedContract;

/**
 * The JSON Schemas of the MCP tools, read from the contract the service serves
 * ({@code openapi/devstate.yaml}) and the state schema, so a tool's arguments carry the same
 * constraints as the HTTP route and its {@code outputSchema} is the HTTP response's schema: they
 * cannot drift. OpenAPI 3.0 schemas become self-contained JSON Schema (2020-12): {@code $ref}s are
 * inlined, {@code nullable: true} is an {@code anyOf} with {@code {"type": "null"}} (a type array
 * is legal but less portable, as the MCP Inspector's {@code --strict} says), examples and the
 * OpenAPI-only formats {@code int32}/{@code int64} are dropped.
 */
final class ContractSchemas {

    static final String STATE_SCHEMA = "devstate/STATE.schema.json";
    private static final Set<String> OPENAPI_ONLY_FORMATS = Set.of("int32", "int64");
    private static final Set<String> OPENAPI_ONLY_KEYWORDS = Set.of("example", "nullable", "readOnly", "writeOnly",
            "xml", "externalDocs", "discriminator", "deprecated");

    private final JsonNode contract;
    private final JsonNode stateSchema;

    private ContractSchemas(JsonNode contract, JsonNode stateSchema) {
        this.contract = contract;
        this.stateSchema = stateSchema;
    }

    /** The served contract and the bundled state schema, from the class path. */
    static ContractSchemas load() {
        return new ContractSchemas(ServedContract.tree(), readStateSchema());
    }

    private static JsonNode readStateSchema() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(STATE_SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(STATE_SCHEMA + " is not on the class path");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATE_SCHEMA, e);
        }
    }

    /** {@code components/schemas/<name>}, as a response describes it (nullable members may be null). */
    ObjectNode schema(String name) {
        return convert(component("schemas", name), true);
    }

    /** One member of {@code components/schemas/<name>}, as an argument (absent rather than null). */
    ObjectNode property(String schema, String member) {
        return convert(require(component("schemas", schema).path("properties").path(member), schema + "." + member),
                false);
    }

    /** The schema of {@code components/parameters/<name>}, as an argument. */
    ObjectNode parameter(String name) {
        return convert(require(component("parameters", name).path("schema"), "parameters." + name), false);
    }

    /** The schema of the query parameter {@code name} of the operation {@code operationId}, as an argument. */
    ObjectNode operationParameter(String operationId, String name) {
        for (JsonNode path : contract.path("paths")) {
            for (JsonNode operation : path) {
                if (operationId.equals(operation.path("operationId").asText())) {
                    for (JsonNode parameter : operation.path("parameters")) {
                        JsonNode resolved = resolve(parameter);
                        if (name.equals(resolved.path("name").asText())) {
                            return convert(resolved.path("schema"), false);
                        }
                    }
                    throw new IllegalStateException(operationId + " has no parameter " + name + " in " + ServedContract.RESOURCE);
                }
            }
        }
        throw new IllegalStateException("no operation " + operationId + " in " + ServedContract.RESOURCE);
    }

    /** A member of the state schema ({@code properties.<name>}), e.g. the {@code current_cp} pattern. */
    ObjectNode stateMember(String name) {
        return require(stateSchema.path("properties").path(name), STATE_SCHEMA + " properties." + name).deepCopy();
    }

    private JsonNode component(String kind, String name) {
        return require(contract.path("components").path(kind).path(name), "components." + kind + "." + name);
    }

    private static JsonNode require(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new IllegalStateException(what + " is not in " + ServedContract.RESOURCE);
        }
        return node;
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String[] parts = ref.asText().replaceFirst("^#/", "").split("/");
        JsonNode target = contract;
        for (String part : parts) {
            target = target.path(part);
        }
        return resolve(require(target, ref.asText()));
    }

    /**
     * One OpenAPI schema as JSON Schema. {@code nullable} keeps its meaning where a value may be
     * null ({@code withNull}, results); arguments are simply optional instead.
     */
    private ObjectNode convert(JsonNode openApi, boolean withNull) {
        JsonNode node = resolve(openApi);
        ObjectNode schema = Json.object();
        JsonNode allOf = node.get("allOf");
        if (allOf != null && allOf.size() == 1) {
            // `allOf: [$ref]` beside a description: the OpenAPI 3.0 way to describe a reference
            schema.setAll(convert(allOf.get(0), withNull));
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            String key = member.getKey();
            JsonNode value = member.getValue();
            if (OPENAPI_ONLY_KEYWORDS.contains(key) || key.equals("allOf") && value.size() == 1
                    || key.equals("format") && OPENAPI_ONLY_FORMATS.contains(value.asText())) {
                continue;
            }
            switch (key) {
                case "properties" -> {
                    ObjectNode properties = schema.putObject("properties");
                    value.properties().forEach(p -> properties.set(p.getKey(), convert(p.getValue(), withNull)));
                }
                case "items", "not" -> schema.set(key, convert(value, withNull));
                case "additionalProperties" -> schema.set(key, value.isObject() ? convert(value, withNull) : value);
                case "allOf", "anyOf", "oneOf" -> {
                    ArrayNode branches = schema.putArray(key);
                    value.forEach(branch -> branches.add(convert(branch, withNull)));
                }
                default -> schema.set(key, value.deepCopy());
            }
        }
        if (withNull && node.path("nullable").asBoolean(false)) {
            ObjectNode nullable = Json.object();
            JsonNode description = schema.remove("description");
            if (description != null) {
                nullable.set("description", description);
            }
            nullable.putArray("anyOf").add(schema).add(Json.object().put("type", "null"));
            return nullable;
        }
        return schema;
    }
}
