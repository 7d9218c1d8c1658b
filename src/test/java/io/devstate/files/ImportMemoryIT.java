package io.devstate.files;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Import streams: a packaged service with a 256 MiB heap imports a signed 100,000-entry history
 * (a ~40 MB body) and the chain verifies. When the import parsed the file into a tree and kept
 * several copies of it, a 51 MB import took the process from 234 MB to 1.39 GB, and this heap ran
 * out.
 */
class ImportMemoryIT {

    private static final int ENTRIES = 100_000;
    private static final String SECRET = "import-memory-it-secret";
    /** The JVM at -Xmx256m: heap, metaspace, code cache, thread stacks, buffers. */
    private static final long MAX_RSS_MIB = 768;

    @Test
    void aLargeHistoryIsImportedWithinASmallHeap() throws Exception {
        String project = Fixtures.newProject("big-import");
        try (ServiceProcess service = ServiceProcess.start("-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-Ddevstate.hmac.secret=" + SECRET)) {
            String seeded = LoadRunner.seedSigned(service, project, ENTRIES, SECRET);
            System.out.println("ImportMemoryIT: " + seeded.strip());

            HttpResponse<String> verified = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(service.baseUri() + "/v1/devstate/verify?project=" + project))
                            .timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(verified.body()).contains("\"ok\":true").contains("\"verified\":" + (ENTRIES + 1));
            long peak = service.peakRssMib();
            System.out.printf("ImportMemoryIT: %d entries imported at -Xmx256m, peak RSS %d MiB%n", ENTRIES, peak);
            assertThat(peak).as("peak RSS in MiB").isLessThan(MAX_RSS_MIB);
        }
    }
}
