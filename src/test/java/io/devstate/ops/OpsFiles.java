package io.devstate.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the deployment files of the repository (tests run in the project directory) and knows
 * which environment variables the application reads.
 */
final class OpsFiles {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Read by the JVM image's run-java.sh or by Quarkus itself, not by DevState's code. */
    private static final List<String> PLATFORM_PREFIXES = List.of("QUARKUS_", "JAVA_");

    private OpsFiles() {
    }

    static Path path(String relative) {
        Path path = Path.of(relative);
        if (!Files.exists(path)) {
            throw new AssertionError(relative + " does not exist (tests run in the project directory)");
        }
        return path;
    }

    static String text(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String relative) {
        try {
            return YAML.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(path(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of every *.yaml / *.yml file directly in {@code folder}, by file name. */
    static List<JsonNode> yamlDocuments(String folder) {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(path(folder))) {
            for (Path file : files.filter(OpsFiles::isYaml).sorted().toList()) {
                documents.addAll(yamlDocuments(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static List<JsonNode> yamlDocuments(Path file) {
        try {
            return YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll().stream()
                    .filter(node -> node != null && node.isObject())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /**
     * The names among {@code names} that neither application.properties nor the Java sources
     * under src/main/java mention as a whole word; Quarkus' and the JVM image's own variables
     * ({@code QUARKUS_*}, {@code JAVA_*}) are not DevState's to read.
     */
    static Collection<String> namesTheApplicationDoesNotRead(Collection<String> names) {
        String sources = applicationSources();
        return names.stream()
                .filter(name -> PLATFORM_PREFIXES.stream().noneMatch(name::startsWith))
                .filter(name -> !Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])")
                        .matcher(sources).find())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String applicationSources() {
        StringBuilder all = new StringBuilder(text(path("src/main/resources/application.properties")));
        try (Stream<Path> files = Files.walk(path("src/main/java"))) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .forEach(file -> all.append('\n').append(text(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    /** GitHub's anchor for a Markdown heading. */
    static String anchor(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }
}
