package io.devstate.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each client README starts with the install command that works from a clone (the clients' own
 * tests run exactly that block and the examples after it: test/package.test.js,
 * tests/test_packaging.py, livetest/readme_test.go), and its offline verifier example names the
 * dev-only key the quick start really signs with.
 */
class ClientReadmesTest {

    private static final Pattern FIRST_BLOCK = Pattern.compile("\\A# [^\\n]+\\n\\n(?:[^`#][^\\n]*\\n)*\\n```bash\\n(.*?)```",
            Pattern.DOTALL);

    @ParameterizedTest
    @CsvSource({
            "typescript, npm install ./clients/typescript/devstate-client-",
            "python, pip install ./clients/python",
            "go, go mod edit -require=github.com/devstate/devstate/clients/go@v0.0.0 -replace=",
    })
    void readmeStartsWithTheInstallCommand(String client, String install) throws IOException {
        String readme = Files.readString(Path.of("clients", client, "README.md"));
        Matcher first = FIRST_BLOCK.matcher(readme);
        assertThat(first.find()).as("clients/%s/README.md: a title, a sentence, then the install block", client).isTrue();
        assertThat(first.group(1)).contains(install);
    }

    @ParameterizedTest
    @CsvSource({ "typescript", "python", "go" })
    void readmeDocumentsTheDevOnlyKeyTheServiceSignsWith(String client) throws Exception {
        String readme = Files.readString(Path.of("clients", client, "README.md"));
        assertThat(readme.replaceAll("\\s+", " ")).contains("kid `k1`, secret `" + devOnlySecret() + "`");
        String quote = client.equals("typescript") ? "'" : "\"";
        assertThat(readme).as("the example's default key").contains(quote + devOnlySecret() + quote);
    }

    private static String devOnlySecret() throws ReflectiveOperationException {
        Field field = Class.forName("io.devstate.chain.KeySources").getDeclaredField("DEV_ONLY_SECRET");
        field.setAccessible(true);
        return (String) field.get(null);
    }
}
