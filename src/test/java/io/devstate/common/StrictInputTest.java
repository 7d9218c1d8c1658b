package io.devstate.common;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * An audit log stores what it was given or refuses it: input the parser would alter (overlong
 * UTF-8, lone surrogates, out-of-range numbers, duplicate members, trailing content) is a 400
 * naming the problem, in bodies, headers and query parameters, and nothing is written.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class StrictInputTest {

    private static ValidatableResponse append(String project, byte[] body) {
        return given().contentType(ContentType.JSON).queryParam("project", project).body(body)
                .when().post("/v1/devstate/history").then();
    }

    private static ValidatableResponse append(String project, String body) {
        return append(project, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(ValidatableResponse response, String detail) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString(detail))
                .body("detail", not(containsString("io.devstate")))
                .body("detail", not(containsString("Exception")));
    }

    private static void nothingWritten(String project) {
        given().queryParam("project", project).when().get("/v1/devstate/history/search")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void trailingContentAfterTheBodyIsRefused() {
        String project = newProject("trailing");
        refused(append(project, "{\"actor\":\"a\",\"action\":\"x\"} xyz"), "malformed JSON body");
        refused(append(project, "{\"actor\":\"a\",\"action\":\"x\"}{\"actor\":\"b\",\"action\":\"y\"}"),
                "more than one JSON value");
        refused(given().contentType(ContentType.JSON).queryParam("project", project)
                .body("{\"scope\":\"s\",\"ttl_sec\":60} []").when().post("/v1/devstate/locks").then(),
                "more than one JSON value");
        nothingWritten(project);
    }

    @Test
    void inputTheParserWouldAlterIsRefused() {
        String project = newProject("altered");
        byte[] overlong = "{\"actor\":\"a__b\",\"action\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        overlong[11] = (byte) 0xC0; // C0 AF: an overlong '/'
        overlong[12] = (byte) 0xAF;
        refused(append(project, overlong), "not well-formed UTF-8");
        refused(append(project, "{\"actor\":\"a\\ud800\",\"action\":\"x\"}"), "unpaired UTF-16 surrogate");
        refused(append(project, "{\"actor\":\"a\",\"action\":\"x\",\"metadata\":{\"v\":\"\\udc00\"}}"),
                "unpaired UTF-16 surrogate");
        refused(append(project, "{\"actor\":\"a\",\"action\":\"x\",\"metadata\":{\"n\":1e400}}"), "number");
        refused(append(project, "{\"actor\":\"a\",\"action\":\"x\",\"metadata\":{\"a\":1,\"a\":2}}"),
                "Duplicate field 'a'");
        refused(given().contentType(ContentType.JSON).queryParam("project", project)
                .body("{\"project\":\"p\",\"checkpoint\":\"a\",\"checkpoint\":\"b\"}")
                .when().put("/v1/devstate/state").then(), "Duplicate field 'checkpoint'");
        nothingWritten(project);
    }

    @Test
    void headersAreUtf8AndMalformedOnesAreRefused() {
        String project = newProject("headers");
        // HTTP carries header bytes; these are C0 AF (an overlong '/') sent as they are.
        refused(given().contentType("application/merge-patch+json").queryParam("project", project)
                .header(HeaderNames.ACTOR, "a\u00c0\u00afb").body("{}")
                .when().post("/v1/devstate/state").then(), "DevState-Actor is not well-formed UTF-8");
        refused(given().contentType("application/merge-patch+json").queryParam("project", project)
                .header(HeaderNames.METADATA, "{\"a\":1,\"a\":2}").body("{}")
                .when().post("/v1/devstate/state").then(), "Duplicate field 'a'");
        nothingWritten(project);
    }

    @Test
    void queryParametersAreWellFormedTextWithoutControlCharacters() {
        String project = newProject("query");
        for (String actor : new String[] { "a%00b", "a%C0%AFb", "a%ED%A0%80", "a%0Ab" }) {
            refused(given().urlEncodingEnabled(false).queryParam("project", project).queryParam("actor", actor)
                    .when().get("/v1/devstate/history/search").then(), "query parameter 'actor'");
        }
        given().queryParam("project", project).queryParam("actor", "José")
                .when().get("/v1/devstate/history/search").then().statusCode(200);
    }

    @Test
    void errorsSpeakOfTheBodyNotOfJavaClasses() {
        String project = newProject("words");
        refused(append(project, "{\"actor\":true,\"action\":\"x\"}"), "member 'actor' must be a string");
        refused(append(project, "[]"), "must be a JSON object");
        String deep = "{\"actor\":\"a\",\"action\":\"x\",\"metadata\":" + "{\"d\":".repeat(40) + "1" + "}".repeat(41);
        refused(append(project, deep), "nested deeper than 32 levels");
        given().contentType(ContentType.TEXT).queryParam("project", project).body("hello")
                .when().post("/v1/devstate/history")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", equalTo("send the body as application/json"));
    }
}
