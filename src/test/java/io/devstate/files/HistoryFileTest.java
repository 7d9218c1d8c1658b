package io.devstate.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.chain.ChainEntry;
import io.devstate.common.Invalid;
import io.devstate.common.Json;

import java.util.List;

import org.junit.jupiter.api.Test;

class HistoryFileTest {

    private static final String HMAC_A = "a".repeat(64);
    private static final String HMAC_B = "b".repeat(64);

    private static List<ChainEntry> entries() {
        return List.of(
                new ChainEntry("p", 1, "2026-11-25T10:00:00.000001Z", "alice", "note", null, "CP1-LC", null,
                        Json.normalise(Json.parse("{\"z\":{\"deep\":[1,2.5,{}]},\"a\":[]}", "m")), "k1",
                        ChainEntry.GENESIS_HMAC, HMAC_A),
                new ChainEntry("p", 2, "2026-11-25T10:00:00.000002Z", "bob", "tombstone", null, null, null,
                        Json.parse("{\"target_seq\":1}", "m"), "k1", HMAC_A, HMAC_B));
    }

    private static String render(String project, List<ChainEntry> entries) {
        HistoryFile.Writer writer = new HistoryFile.Writer(project);
        return writer.header() + writer.entries(entries) + writer.tail();
    }

    /** The page-by-page writer must produce exactly what rendering the whole document would. */
    @Test
    void incrementalWriterEqualsWholeDocumentRendering() {
        HistoryFile.Writer writer = new HistoryFile.Writer("p");
        String pieces = writer.header() + writer.entries(entries().subList(0, 1)) + writer.entries(List.of())
                + writer.entries(entries().subList(1, 2)) + writer.tail();

        ObjectNode whole = Json.object();
        whole.put("format", HistoryFile.FORMAT);
        whole.put("project", "p");
        entries().forEach(entry -> whole.withArray("entries").add(HistoryFile.toNode(entry)));

        assertThat(pieces).isEqualTo(Json.renderFile(whole));
    }

    @Test
    void emptyChainRendersAnEmptyArray() {
        assertThat(render("p", List.of())).isEqualTo("""
                {
                  "format": "devstate-history/1",
                  "project": "p",
                  "entries": []
                }
                """);
    }

    @Test
    void parseReadsBackWhatWasWritten() {
        assertThat(HistoryFile.parse(render("p", entries()), "p")).isEqualTo(entries());
    }

    @Test
    void parseRefusesAnotherProjectAndMissingMembers() {
        String text = render("p", entries());

        assertThatThrownBy(() -> HistoryFile.parse(text, "q")).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> HistoryFile.parse(text.replace("\"kid\": \"k1\",", ""), "p"))
                .isInstanceOf(Invalid.class)
                .satisfies(e -> assertThat(((Invalid) e).extensions()).containsEntry("seq", 1L));
        assertThatThrownBy(() -> HistoryFile.parse(text.replace(".000001Z", "Z"), "p")).isInstanceOf(Invalid.class);
    }
}
