package io.devstate.files;

import java.util.Optional;

import io.smallrye.mutiny.Multi;

/**
 * An export decided but not yet rendered: the state file text (absent when the project has only
 * history), the history file text as a lazy sequence of pieces, read page by page on demand, and
 * the signed checkpoint of the exported entries (absent while the project's log does not cover them).
 * {@link ExportBodyWriter} sends it as the {@code ExportFiles} JSON body.
 */
public record ExportStream(String project, Optional<String> stateText, Multi<String> historyText,
        Optional<String> checkpointText) {
}
