package io.devstate.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.Fixtures;
import io.devstate.testsupport.ServiceProcess;

/**
 * Export streams: a packaged service (the jar, or the native executable after {@code -Dnative}; both
 * take {@code -Xmx}) with a 64 MiB heap exports a 100,000-entry chain whose body is larger than that
 * heap. Rendering the whole chain in memory first (what the export did before it
 * streamed) runs out of memory here and the process exits, so this test fails then.
 */
class ExportMemoryIT {

    private static final int ENTRIES = 100_000;

    @Test
    void aChainLargerThanTheHeapIsExportedWhole() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("-Xmx64m", "-XX:+ExitOnOutOfMemoryError")) {
            String project = Fixtures.newProject("big-export");
            // About 600 bytes of metadata per entry, as a busy agent's would be.
            Fixtures.unsignedEntries(project, ENTRIES, 600);

            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(service.baseUri() + "/v1/devstate/export?project=" + project))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            BodyTally tally = BodyTally.of(response.body());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(service.isAlive()).as("service died:\n%s", service.log()).isTrue();
            assertThat(tally.bytes).as("body larger than the heap").isGreaterThan(64L << 20);
            assertThat(tally.entries).isEqualTo(ENTRIES);
            assertThat(tally.ending).endsWith("\\n    }\\n  ]\\n}\\n\"}}");
        }
    }

    /**
     * Over MCP a tool result is one message, held whole: four concurrent {@code export_files} of
     * the same chain each get a resource_link to the HTTP export instead (before, one such call
     * needed a 112 MB message and ended this 64 MiB service with OutOfMemoryError); a small
     * project still gets its files in the message.
     */
    @Test
    void mcpExportsOfAChainLargerThanTheHeapAreLinksToTheStreamedExport() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("-Xmx64m", "-XX:+ExitOnOutOfMemoryError")) {
            String big = Fixtures.newProject("big-mcp-export");
            Fixtures.unsignedEntries(big, ENTRIES, 600);
            String small = Fixtures.newProject("small-mcp-export");
            Fixtures.unsignedEntries(small, 3, 10);
            HttpClient client = HttpClient.newHttpClient();
            String session = mcpSession(client, service);

            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(client.sendAsync(mcpCall(service, session, big), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> response = call.get(120, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).contains("\"type\":\"resource_link\"")
                        .contains("/v1/devstate/export?project=" + big)
                        .hasSizeLessThan(4096);
            }
            String smallExport = client.send(mcpCall(service, session, small), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(smallExport).contains("devstate-history/1").doesNotContain("resource_link");
            assertThat(service.isAlive()).as("service died:\n%s", service.log()).isTrue();
        }
    }

    private static String mcpSession(HttpClient client, ServiceProcess service) throws Exception {
        HttpResponse<String> initialized = client.send(mcpRequest(service, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                "capabilities":{},"clientInfo":{"name":"export-memory","version":"1"}}}"""),
                HttpResponse.BodyHandlers.ofString());
        assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
        return initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private static HttpRequest mcpCall(ServiceProcess service, String session, String project) {
        return mcpRequest(service, session, """
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"export_files",\
                "arguments":{"project":"%s"}}}""".formatted(project));
    }

    private static HttpRequest mcpRequest(ServiceProcess service, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUri() + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .timeout(java.time.Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return request.build();
    }

    /** Counts bytes and entries ({@code "seq": } inside the escaped history text) as the body arrives. */
    private static final class BodyTally {
        private static final byte[] SEQ = "\\\"seq\\\": ".getBytes(StandardCharsets.UTF_8);
        long bytes;
        long entries;
        String ending = "";

        static BodyTally of(InputStream body) throws java.io.IOException {
            BodyTally tally = new BodyTally();
            byte[] buffer = new byte[1 << 16];
            int matched = 0;
            byte[] tail = new byte[64];
            try (body) {
                for (int read; (read = body.read(buffer)) > 0;) {
                    for (int i = 0; i < read; i++) {
                        byte b = buffer[i];
                        matched = b == SEQ[matched] ? matched + 1 : (b == SEQ[0] ? 1 : 0);
                        if (matched == SEQ.length) {
                            tally.entries++;
                            matched = 0;
                        }
                    }
                    // Keep the last tail.length bytes of the body.
                    int keep = Math.min(read, tail.length);
                    System.arraycopy(tail, keep, tail, 0, tail.length - keep);
                    System.arraycopy(buffer, read - keep, tail, tail.length - keep, keep);
                    tally.bytes += read;
                }
            }
            tally.ending = new String(tail, StandardCharsets.UTF_8);
            return tally;
        }
    }
}
