package io.devstate.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.devstate.testsupport.ExternalProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The committed clients in clients/ are exactly what the pinned generator writes from
 * openapi/devstate.yaml (scripts/generate-clients.sh --check, which also compares the copies the
 * packages ship), the generated Go client has no third-party module and a tidy go.mod, and the Go
 * verifier's module carries the shared vectors.
 */
class GeneratedClientsTest {

    @Test
    void committedClientsMatchTheContract() throws IOException, InterruptedException {
        ExternalProcess.Result check = ExternalProcess.of("bash", "scripts/generate-clients.sh", "--check")
                .withThisJava().timeout(Duration.ofMinutes(5)).run();
        assertThat(check.finished()).as("generate-clients.sh --check finished:%n%s", check.output()).isTrue();
        assertThat(check.exit())
                .as("clients/ is out of date with openapi/devstate.yaml; run scripts/generate-clients.sh:%n%s", check.output())
                .isZero();
    }

    @Test
    void generatedGoClientRequiresNoModuleAndHasNoEmptyRequireBlock() throws IOException {
        String goMod = Files.readString(Path.of("clients", "go", "go.mod"));
        assertThat(goMod).isEqualTo("module github.com/devstate/devstate/clients/go\n\ngo 1.23\n");
    }

    @Test
    void goVerifierShipsTheSharedVectorsInsideItsModule() throws IOException {
        Path vectors = Path.of("docs", "vectors");
        Path testdata = Path.of("clients", "go", "verify", "testdata");
        for (String name : List.of("chains.json", "state-checksums.json")) {
            assertThat(testdata.resolve(name)).as("clients/go/verify/testdata/%s is docs/vectors/%s", name, name)
                    .hasSameBinaryContentAs(vectors.resolve(name));
        }
    }
}
