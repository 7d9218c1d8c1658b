package io.devstate.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.common.Timestamps;
import io.devstate.history.ChainEntry;

/**
 * The {@code .trae/history.json} format: {@code {format, project, entries}}, every entry with every
 * field in a fixed order, rendered like every DevState file (2-space indent, trailing newline).
 */
public final class HistoryFile {

    public static final String FORMAT = "devstate-history/1";
    private static final Set<String> ENTRY_MEMBERS = Set.of("seq", "ts", "actor", "action", "cp_from", "cp_to",
            "state_checksum", "metadata", "kid", "hmac_prev", "hmac");
    private static final Pattern HEX64 = Pattern.compile("^[0-9a-f]{64}$");
    private static final String ENTRY_INDENT = "    ";

    private HistoryFile() {
    }

    /**
     * Incremental writer: the file as a header, pieces of entries and a tail, so an export renders
     * and sends page by page instead of holding the whole chain. Concatenating what {@link #header},
     * every {@link #entries} and {@link #tail} return gives the same text as rendering the whole
     * document at once.
     */
    public static final class Writer {
        private final String project;
        private boolean empty = true;

        public Writer(String project) {
            this.project = project;
        }

        public String header() {
            ObjectNode header = Json.object();
            header.put("format", FORMAT);
            header.put("project", project);
            String rendered = Json.renderFile(header);
            // Reopen the rendered header object to append the entries member.
            return rendered.substring(0, rendered.lastIndexOf('\n', rendered.length() - 2)) + ",\n  \"entries\": [";
        }

        public String entries(List<ChainEntry> page) {
            StringBuilder text = new StringBuilder(page.size() * 512);
            for (ChainEntry entry : page) {
                text.append(empty ? "\n" : ",\n");
                String rendered = Json.renderFile(toNode(entry));
                rendered.substring(0, rendered.length() - 1).lines()
                        .forEach(line -> text.append(ENTRY_INDENT).append(line).append('\n'));
                text.setLength(text.length() - 1);
                empty = false;
            }
            return text.toString();
        }

        public String tail() {
            return empty ? "]\n}\n" : "\n  ]\n}\n";
        }
    }

    static ObjectNode toNode(ChainEntry entry) {
        ObjectNode node = Json.object();
        node.put("seq", entry.seq());
        node.put("ts", entry.ts());
        node.put("actor", entry.actor());
        node.put("action", entry.action());
        node.put("cp_from", entry.cpFrom());
        node.put("cp_to", entry.cpTo());
        node.put("state_checksum", entry.stateChecksum());
        node.set("metadata", entry.metadata() == null ? null : Json.normalise(entry.metadata()));
        node.put("kid", entry.kid());
        node.put("hmac_prev", entry.hmacPrev());
        node.put("hmac", entry.hmac());
        return node;
    }

    /** Parses and shape-checks a history file for {@code project}; hmacs are checked by the caller. */
    public static List<ChainEntry> parse(String text, String project) {
        JsonNode root = Json.parse(text, ".trae/history.json");
        if (!root.isObject()) {
            throw new Invalid(".trae/history.json must be a JSON object");
        }
        if (!FORMAT.equals(root.path("format").asText(null))) {
            throw new Invalid(".trae/history.json format must be \"" + FORMAT + "\"").with("field", "format");
        }
        String fileProject = root.path("project").asText(null);
        if (!project.equals(fileProject)) {
            throw new Invalid(".trae/history.json belongs to project '" + fileProject + "', not '" + project
                    + "'; every entry is signed with its project name").with("field", "project");
        }
        JsonNode entries = root.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new Invalid(".trae/history.json must have an entries array").with("field", "entries");
        }
        List<ChainEntry> parsed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            parsed.add(parseEntry(entries.get(i), project, i + 1L));
        }
        return parsed;
    }

    private static ChainEntry parseEntry(JsonNode node, String project, long position) {
        long seq = node.path("seq").canConvertToExactIntegral() ? node.path("seq").asLong() : position;
        if (!node.isObject() || !node.path("seq").isIntegralNumber()) {
            throw invalid(seq, "entry " + position + " must be an object with an integer seq");
        }
        for (String member : ENTRY_MEMBERS) {
            if (!node.has(member)) {
                throw invalid(seq, "entry " + seq + " lacks member " + member);
            }
        }
        if (node.size() != ENTRY_MEMBERS.size()) {
            throw invalid(seq, "entry " + seq + " has members other than " + ENTRY_MEMBERS);
        }
        JsonNode metadata = node.get("metadata");
        if (!metadata.isNull() && !metadata.isObject()) {
            throw invalid(seq, "entry " + seq + ": metadata must be an object or null");
        }
        String ts = requiredText(node, "ts", seq);
        try {
            Timestamps.parseChain(ts);
        } catch (IllegalArgumentException e) {
            throw invalid(seq, "entry " + seq + ": " + e.getMessage());
        }
        ChainEntry entry = new ChainEntry(project, seq, ts,
                requiredText(node, "actor", seq),
                requiredText(node, "action", seq),
                optionalText(node, "cp_from", seq),
                optionalText(node, "cp_to", seq),
                optionalText(node, "state_checksum", seq),
                metadata.isNull() ? null : Json.normalise(metadata),
                requiredText(node, "kid", seq),
                requiredText(node, "hmac_prev", seq),
                requiredText(node, "hmac", seq));
        if (!HEX64.matcher(entry.hmac()).matches() || !HEX64.matcher(entry.hmacPrev()).matches()) {
            throw invalid(seq, "entry " + seq + ": hmac and hmac_prev must be 64 lowercase hex digits");
        }
        Json.requireStorable(node, "entry " + seq);
        return entry;
    }

    private static String requiredText(JsonNode node, String member, long seq) {
        JsonNode value = node.get(member);
        if (!value.isTextual()) {
            throw invalid(seq, "entry " + seq + ": " + member + " must be a string");
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String member, long seq) {
        JsonNode value = node.get(member);
        if (value.isNull()) {
            return null;
        }
        return requiredText(node, member, seq);
    }

    private static Invalid invalid(long seq, String detail) {
        Invalid invalid = new Invalid(detail);
        invalid.with("seq", seq);
        return invalid;
    }
}
