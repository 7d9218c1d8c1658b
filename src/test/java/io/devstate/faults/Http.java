package io.devstate.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.devstate.testsupport.ServiceProcess;

/** Plain HTTP to one service process, each call bounded, with how long the answer took. */
final class Http {

    /** An answer, or status 0 when none came (connection refused, client timeout). */
    record Answer(int status, String body, java.net.http.HttpHeaders headers, long millis) {

        String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        long number(String member) {
            Matcher m = Pattern.compile("\"" + member + "\":(\\d+)").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no " + member + " in " + status + " " + body);
            }
            return Long.parseLong(m.group(1));
        }

        String text(String member) {
            Matcher m = Pattern.compile("\"" + member + "\":\"([^\"]*)\"").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no " + member + " in " + status + " " + body);
            }
            return m.group(1);
        }
    }

    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static Answer get(ServiceProcess service, String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(service, path)).GET(), headers);
    }

    static Answer post(ServiceProcess service, String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    static Answer put(ServiceProcess service, String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(service, path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    /** The value of one Prometheus sample without labels, or -1 when absent. */
    static double metric(ServiceProcess service, String name) {
        Answer metrics = get(service, "/q/metrics");
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(metrics.body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static URI uri(ServiceProcess service, String path) {
        return URI.create(service.baseUri() + path);
    }

    private static Answer send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(CLIENT_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers(), elapsed(start));
        } catch (IOException e) {
            return new Answer(0, e.toString(), null, elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, e.toString(), null, elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
