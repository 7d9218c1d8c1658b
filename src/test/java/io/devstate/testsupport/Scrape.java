package io.devstate.testsupport;

import static io.restassured.RestAssured.given;

/** Reads the service's Prometheus scrape ({@code /q/metrics}) in tests. */
public final class Scrape {

    private Scrape() {
    }

    public static String text() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one series (name and labels as exposed), 0 while it does not exist yet. */
    public static double value(String series) {
        return text().lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0.0);
    }
}
