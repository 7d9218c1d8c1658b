package io.devstate.mcp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.chain.VerifyResult;
import io.devstate.common.Json;
import io.devstate.files.FilesResult;
import io.devstate.history.AppendResult;
import io.devstate.history.SearchCursor;
import io.devstate.locks.Lock;
import io.devstate.projects.ProjectViews;
import io.devstate.state.StateUpdateResult;
import io.devstate.state.StateView;
import io.quarkiverse.mcp.server.GlobalInputSchemaGenerator;
import io.quarkiverse.mcp.server.GlobalOutputSchemaGenerator;
import io.quarkiverse.mcp.server.ToolManager.ToolArgument;
import io.quarkiverse.mcp.server.ToolManager.ToolInfo;
import io.vertx.core.json.JsonObject;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The tools' input and output schemas, from the contract ({@link ContractSchemas}) instead of the
 * Java types: an argument carries the constraints of the HTTP parameter or member it stands for
 * (the project pattern, {@code ttl_sec} 1..86400, the search {@code limit} 1..1000, the state
 * schema's {@code current_cp} pattern inside a patch), and a tool's {@code outputSchema} is the
 * schema of its own structured result, the one the HTTP route answers with. An argument or result
 * type without a schema here fails {@code tools/list}, so none goes out undescribed.
 */
@Singleton
public class ToolSchemas implements GlobalInputSchemaGenerator, GlobalOutputSchemaGenerator {

    /** The argument names every tool shares, and the ones that mean something else per tool. */
    private final Map<String, Supplier<ObjectNode>> common = new LinkedHashMap<>();
    private final Map<String, Map<String, Supplier<ObjectNode>>> perTool = new LinkedHashMap<>();
    private final Map<Class<?>, JsonObject> outputs = new LinkedHashMap<>();
    private final Map<String, InputSchema> inputs = new ConcurrentHashMap<>();

    public ToolSchemas() {
        ContractSchemas contract = ContractSchemas.load();
        common.put("project", () -> contract.parameter("Project"));
        common.put("metadata", () -> contract.property("AppendRequest", "metadata"));
        common.put("lock_id", () -> contract.property("Lock", "lock_id"));
        perTool.put("update_state", Map.of(
                "patch", () -> patch(contract),
                "actor", () -> contract.property("AppendRequest", "actor"),
                "if_match", () -> contract.schema("Checksum")));
        perTool.put("append_history", Map.of(
                "actor", () -> contract.property("AppendRequest", "actor"),
                "action", () -> contract.property("AppendRequest", "action"),
                "cp_from", () -> contract.property("AppendRequest", "cp_from"),
                "cp_to", () -> contract.property("AppendRequest", "cp_to"),
                "state_checksum", () -> contract.property("AppendRequest", "state_checksum")));
        perTool.put("verify_hmac_chain", Map.of(
                "from", () -> contract.operationParameter("verifyChain", "from"),
                "limit", () -> contract.operationParameter("verifyChain", "limit")));
        perTool.put("import_files", Map.of("files", () -> contract.property("ImportFiles", "files")));
        perTool.put("lock_state", Map.of(
                "ttl_sec", () -> contract.property("AcquireLockRequest", "ttl_sec"),
                "scope", () -> contract.property("AcquireLockRequest", "scope").put("default", "state"),
                "owner", () -> contract.property("AcquireLockRequest", "owner"),
                "reason", () -> contract.property("AcquireLockRequest", "reason")));
        Map<String, Supplier<ObjectNode>> search = new LinkedHashMap<>();
        for (String query : new String[] { "actor", "action", "since", "until", "cp", "limit", "cursor" }) {
            search.put(query, () -> contract.operationParameter("searchHistory", query));
        }
        perTool.put("search_history", search);
        perTool.put("list_projects", Map.of(
                "limit", () -> contract.operationParameter("listProjects", "limit"),
                "cursor", () -> contract.operationParameter("listProjects", "cursor")));

        outputs.put(StateView.class, json(contract.schema("StateView")));
        outputs.put(StateUpdateResult.class, json(contract.schema("StateUpdateResult")));
        outputs.put(AppendResult.class, json(contract.schema("AppendResult")));
        outputs.put(VerifyResult.class, json(contract.schema("VerifyResult")));
        outputs.put(ToolResults.Export.class, json(export(contract)));
        outputs.put(FilesResult.ImportResult.class, json(contract.schema("ImportResult")));
        outputs.put(Lock.class, json(contract.schema("Lock")));
        outputs.put(ToolResults.Released.class, json(released(contract)));
        outputs.put(SearchCursor.SearchPage.class, json(contract.schema("HistoryPage")));
        outputs.put(ProjectViews.ProjectPage.class, json(contract.schema("ProjectPage")));
    }

    @Override
    public InputSchema generate(ToolInfo tool) {
        return inputs.computeIfAbsent(tool.name(), name -> new Schema(json(input(tool))));
    }

    @Override
    public Object generate(Class<?> result) {
        JsonObject schema = outputs.get(result);
        if (schema == null) {
            throw new IllegalStateException("no output schema for " + result.getName()
                    + ": name a type of ToolSchemas in @Tool(outputSchema = @OutputSchema(from = ...))");
        }
        return schema;
    }

    private ObjectNode input(ToolInfo tool) {
        ObjectNode schema = Json.object().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (ToolArgument argument : tool.arguments()) {
            Supplier<ObjectNode> source = perTool.getOrDefault(tool.name(), Map.of())
                    .getOrDefault(argument.name(), common.get(argument.name()));
            if (source == null) {
                throw new IllegalStateException("argument " + argument.name() + " of " + tool.name()
                        + " has no schema in ToolSchemas");
            }
            ObjectNode property = source.get();
            if (!argument.description().isEmpty()) {
                property.put("description", argument.description());
            }
            properties.set(argument.name(), property);
            if (argument.required()) {
                required.add(argument.name());
            }
        }
        return schema;
    }

    /** A merge patch, whose {@code current_cp}, when it sets one, must be what the state schema allows. */
    private static ObjectNode patch(ContractSchemas contract) {
        ObjectNode patch = contract.schema("MergePatch");
        patch.putObject("properties").set("current_cp", contract.stateMember("current_cp"));
        return patch;
    }

    /** The files, or past the size limit a link to the streamed HTTP export. */
    private static ObjectNode export(ContractSchemas contract) {
        ObjectNode link = Json.object().put("type", "object").put("additionalProperties", false)
                .put("description", "Past DEVSTATE_MCP_MAX_EXPORT_CHARS: GET `export` (same origin and token) instead.");
        link.putArray("required").add("project").add("too_large").add("max_chars").add("export");
        ObjectNode members = link.putObject("properties");
        members.set("project", contract.schema("ProjectName"));
        members.putObject("too_large").put("const", true);
        members.putObject("max_chars").put("type", "integer").put("minimum", 0);
        members.putObject("export").put("type", "string").put("pattern", "^/v1/devstate/export\\?project=");
        ObjectNode either = Json.object().put("type", "object");
        either.putArray("anyOf").add(contract.schema("ExportFiles")).add(link);
        return either;
    }

    private static ObjectNode released(ContractSchemas contract) {
        ObjectNode released = Json.object().put("type", "object").put("additionalProperties", false);
        released.putArray("required").add("released");
        released.putObject("properties").set("released", contract.property("Lock", "lock_id"));
        return released;
    }

    private static JsonObject json(ObjectNode schema) {
        return new JsonObject(schema.toString());
    }

    private record Schema(JsonObject value) implements InputSchema {

        @Override
        public String asJson() {
            return value.encode();
        }
    }
}
