package io.devstate.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounted secret files (keys, tokens): one entry per line, blank lines and {@code #} comments
 * ignored. Errors name the variable and the line number, never the content.
 */
public final class SecretFiles {

    /** A line that holds an entry, with its 1-based number in the file. */
    public record Entry(int number, String text) {
    }

    private SecretFiles() {
    }

    public static List<String> read(String file, String variable) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + variable + " " + file, e);
        }
    }

    public static List<Entry> entries(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                entries.add(new Entry(i + 1, line));
            }
        }
        return entries;
    }
}
