package io.devstate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.devstate.testsupport.ExternalProcess;
import io.devstate.testsupport.ServiceProcess;

/**
 * The README's curl tour, run as written against the packaged service (only the address is
 * changed): every request must succeed ({@code curl --fail-with-body}), and afterwards the project
 * the tour names holds what the tour wrote. Before, the tour wrote into "default" and a newcomer's
 * {@code GET ?project=demo} was a 404.
 */
class ReadmeTourIT {

    @Test
    void theCurlTourWorksAsWritten() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int heading = readme.indexOf("## A tour with curl");
        assertThat(heading).as("README has the tour").isPositive();
        int start = readme.indexOf("```bash\n", heading) + "```bash\n".length();
        String tour = readme.substring(start, readme.indexOf("```", start));

        try (ServiceProcess service = ServiceProcess.start()) {
            Path dir = Files.createTempDirectory("readme-tour");
            Path script = dir.resolve("tour.sh");
            Files.writeString(script, "set -euo pipefail\n"
                    + "curl() { command curl --fail-with-body --max-time 20 \"$@\"; }\n"
                    + tour.replace("localhost:3180", "127.0.0.1:" + service.port()));
            String output = ExternalProcess.of("bash", script.toString()).directory(dir).log(dir.resolve("tour.log"))
                    .runSuccessfully().output();
            assertThat(output).contains("\"outcome\":\"unchanged\"");

            HttpResponse<String> state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(service.baseUri() + "/v1/devstate/state?project=demo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
            assertThat(state.body()).contains("\"current_cp\":\"CP2-LC\"");
        }
    }
}
