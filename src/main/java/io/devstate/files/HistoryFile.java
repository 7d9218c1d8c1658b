package io.devstate.files;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.chain.ChainEntry;
import io.devstate.common.Invalid;
import io.devstate.common.Json;
import io.devstate.common.Timestamps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

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

    /** Parses and shape-checks a whole history file for {@code project}; hmacs are checked by the caller. */
    public static List<ChainEntry> parse(String text, String project) {
        try (Reader reader = new Reader(text, project)) {
            List<ChainEntry> parsed = new ArrayList<>();
            for (ChainEntry entry; (entry = reader.next()) != null;) {
                parsed.add(entry);
            }
            return parsed;
        }
    }

    /**
     * Reads a history file entry by entry with a streaming parser: one entry's tree at a time,
     * never the whole document's (a 50 MB file made a tree of about a gigabyte). The header
     * members must come before {@code entries}, as DevState writes them; after the last entry the
     * rest of the file is checked (no other members after it, nothing after the document).
     */
    public static final class Reader implements AutoCloseable {
        // One value in the middle of the document: what follows it is this reader's business.
        private static final ObjectReader ENTRY_READER = Json.mapper().reader()
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        private final JsonParser parser;
        private final String project;
        private long position;
        private boolean done;

        public Reader(String text, String project) {
            this.project = project;
            try {
                this.parser = Json.mapper().createParser(text);
                readHeader();
            } catch (IOException e) {
                throw malformed(e);
            }
        }

        /** The next entry, shape-checked; null after the last one. */
        public ChainEntry next() {
            if (done) {
                return null;
            }
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    readTail();
                    done = true;
                    return null;
                }
                JsonNode node = ENTRY_READER.readTree(parser);
                position++;
                return parseEntry(node, project, position);
            } catch (IOException e) {
                throw malformed(e);
            }
        }

        /** Up to {@code max} next entries; empty after the last one. */
        public List<ChainEntry> next(int max) {
            List<ChainEntry> batch = new ArrayList<>(Math.min(max, 1024));
            for (ChainEntry entry; batch.size() < max && (entry = next()) != null;) {
                batch.add(entry);
            }
            return batch;
        }

        private void readHeader() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Invalid(".trae/history.json must be a JSON object");
            }
            String format = null;
            String fileProject = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("entries".equals(member)) {
                    checkHeader(format, fileProject);
                    if (value != JsonToken.START_ARRAY) {
                        break;
                    }
                    return;
                }
                if ("format".equals(member)) {
                    format = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else if ("project".equals(member)) {
                    fileProject = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else {
                    parser.skipChildren();
                }
            }
            checkHeader(format, fileProject);
            throw new Invalid(".trae/history.json must have an entries array").with("field", "entries");
        }

        private void checkHeader(String format, String fileProject) {
            if (!FORMAT.equals(format)) {
                throw new Invalid(".trae/history.json format must be \"" + FORMAT + "\" (before entries)")
                        .with("field", "format");
            }
            if (!project.equals(fileProject)) {
                throw new Invalid(".trae/history.json belongs to project '" + fileProject + "', not '" + project
                        + "'; every entry is signed with its project name").with("field", "project");
            }
        }

        private void readTail() throws IOException {
            if (parser.nextToken() != JsonToken.END_OBJECT) {
                throw new Invalid(".trae/history.json has members after entries; entries must be the last");
            }
            if (parser.nextToken() != null) {
                throw new Invalid(".trae/history.json is not valid JSON: content after the document");
            }
        }

        private static Invalid malformed(IOException e) {
            String detail = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                    ? json.getOriginalMessage() : e.getMessage();
            return new Invalid(".trae/history.json is not valid JSON: " + detail);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
