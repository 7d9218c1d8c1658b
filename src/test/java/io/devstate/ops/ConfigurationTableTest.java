package io.devstate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's configuration table and application.properties agree: every variable the
 * application reads with a default is in the table, and the table gives that default (a
 * default changed in one place only is a newcomer's wrong setting).
 */
class ConfigurationTableTest {

    /** {@code ${NAME:default}} in application.properties. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");
    /** A table row: {@code | `NAME` (, `NAME`) | default | meaning |}. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\| ((?:`[A-Z][A-Z0-9_]*`(?:, )?)+) \\| ([^|]*(?:\\\\\\|[^|]*)*) \\|");
    private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]*)`");
    /** Read by Quarkus or the database translation rather than through application.properties. */
    private static final List<String> NOT_IN_PROPERTIES = List.of("DATABASE_URL", "DB_SCHEMA");

    @Test
    void everyDefaultInTheReadmeTableIsTheOneTheApplicationUses() {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher variable = VARIABLE.matcher(OpsFiles.text(OpsFiles.path("src/main/resources/application.properties")));
        while (variable.find()) {
            defaults.put(variable.group(1), variable.group(2));
        }
        assertThat(defaults).isNotEmpty();

        Map<String, String> table = new LinkedHashMap<>();
        Matcher row = ROW.matcher(OpsFiles.text(OpsFiles.path("README.md")));
        while (row.find()) {
            Matcher name = NAME.matcher(row.group(1));
            while (name.find()) {
                table.put(name.group(1), row.group(2));
            }
        }

        assertThat(table.keySet()).as("variables in the README table").containsAll(defaults.keySet());
        for (Map.Entry<String, String> entry : defaults.entrySet()) {
            String value = entry.getValue();
            if (!value.isEmpty()) {
                assertThat(table.get(entry.getKey())).as("README default of %s", entry.getKey()).contains("`" + value + "`");
            }
        }
        for (String name : table.keySet()) {
            if (!NOT_IN_PROPERTIES.contains(name)) {
                assertThat(defaults).as("README names %s; application.properties reads it", name).containsKey(name);
            }
        }
    }

    /** A default in the config interface as well would be a second place to change it. */
    @Test
    void theConfigInterfaceRepeatsNoDefault() {
        assertThat(OpsFiles.text(OpsFiles.path("src/main/java/io/devstate/config/DevStateConfig.java")))
                .doesNotContain("@WithDefault");
    }
}
