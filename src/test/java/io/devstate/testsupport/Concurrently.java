package io.devstate.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.restassured.RestAssured;

/** Many requests in flight at once, as many clients would send them. */
public final class Concurrently {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Concurrently() {
    }

    /** Sends every request without waiting for the others; returns the responses in request order. */
    public static List<HttpResponse<String>> sendAll(List<HttpRequest> requests) {
        List<CompletableFuture<HttpResponse<String>>> pending = requests.stream()
                .map(request -> HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** As {@link #sendAll}, at most {@code inFlight} at a time. */
    public static List<HttpResponse<String>> sendAll(List<HttpRequest> requests, int inFlight) {
        List<HttpResponse<String>> responses = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += inFlight) {
            responses.addAll(sendAll(requests.subList(from, Math.min(requests.size(), from + inFlight))));
        }
        return responses;
    }

    public static URI uri(String path, String project) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path + "?project=" + project);
    }

    /** {@code count} appends by different actors, metadata {@code {"i": n}}. */
    public static List<HttpRequest> appends(String project, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> HttpRequest.newBuilder(uri("/v1/devstate/history", project))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"actor\":\"client-" + i + "\",\"action\":\"note\",\"metadata\":{\"i\":" + i + "}}"))
                        .build())
                .toList();
    }
}
