package io.devstate.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.LoadRunner;
import io.devstate.testsupport.ServiceProcess;

/**
 * Verify walks the chain page by page and holds at most two pages: a packaged service (jar or
 * native executable) with a 32 MiB heap verifies a signed 100,000-entry chain (~100 MB of rows
 * read). When the walk kept every page it had read, this ran out of memory at 64 MiB already.
 */
class VerifyMemoryIT {

    private static final int ENTRIES = 100_000;
    private static final String SECRET = "verify-memory-it-secret";

    @Test
    void aLongChainVerifiesWithinASmallHeap() throws Exception {
        String project = Fixtures.newProject("big-verify");
        // Seeded by the load runner's signed import through a service with the default heap (the
        // import body itself is ~40 MB).
        try (ServiceProcess seeder = ServiceProcess.start("-Ddevstate.hmac.secret=" + SECRET)) {
            LoadRunner.seedSigned(seeder, project, ENTRIES, SECRET);
        }

        try (ServiceProcess service = ServiceProcess.start("-Xmx32m", "-XX:+ExitOnOutOfMemoryError",
                "-Ddevstate.hmac.secret=" + SECRET)) {
            HttpResponse<String> response;
            try {
                response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(service.baseUri() + "/v1/devstate/verify?project=" + project))
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError("verify got no answer; service alive: " + service.isAlive()
                        + "\n" + service.log(), e);
            }

            assertThat(service.isAlive()).as("service died:\n%s", service.log()).isTrue();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // The seed's entries and the entry of its state write.
            assertThat(response.body()).contains("\"ok\":true").contains("\"verified\":" + (ENTRIES + 1));
        }
    }
}
