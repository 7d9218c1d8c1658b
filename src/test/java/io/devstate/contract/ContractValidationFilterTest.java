package io.devstate.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.devstate.contract.ContractValidationFilter.ContractViolation;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.http.Headers;

/**
 * The global contract filter works: responses (and accepted requests) that openapi/devstate.yaml does not
 * describe fail the test that made them. The crafted responses come from a filter that runs inside the
 * contract filter, exactly where the server's answer would arrive.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ContractValidationFilterTest {

    @Test
    void theFilterIsInstalledForEveryTest() {
        assertThat(RestAssured.filters()).hasAtLeastOneElementOfType(ContractValidationFilter.class);
    }

    @Test
    void aRealDocumentedInteractionPasses() {
        given().when().get("/health").then().statusCode(200);
        given().queryParam("project", "contract-probe").when().get("/v1/devstate/verify").then().statusCode(200);
    }

    @Test
    void aRealAnswerOutsideTheContractFails() {
        // Quarkus answers HEAD on a GET route by itself; the contract documents no HEAD operation.
        assertThatThrownBy(() -> given().when().head("/health"))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(keys(e)).containsExactly("validation.request.operation.notAllowed"));
    }

    @Test
    void notAcceptableIsDocumentedOnEveryOperation() {
        given().accept("text/plain").when().get("/health").then().statusCode(406);
        given().accept("text/plain").queryParam("project", "contract-probe").when().get("/v1/devstate/verify")
                .then().statusCode(406);
    }

    @Test
    void anUndocumentedStatusFails() {
        Filter teapot = (request, response, context) -> new ResponseBuilder()
                .clone(context.next(request, response)).setStatusCode(418).setStatusLine("HTTP/1.1 418 I'm a teapot")
                .build();
        assertThatThrownBy(() -> given().filter(teapot).when().get("/health"))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(keys(e)).contains("validation.response.status.unknown"));
    }

    @Test
    void anUndocumentedMemberFails() {
        Filter extraMember = (request, response, context) -> new ResponseBuilder()
                .clone(context.next(request, response))
                .setBody("{\"status\":\"ok\",\"service\":\"devstate\",\"uptime\":12}").build();
        assertThatThrownBy(() -> given().filter(extraMember).when().get("/health"))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(keys(e)).contains("validation.response.body.schema.additionalProperties"));
    }

    @Test
    void aMissingRequiredMemberOrWrongTypeFails() {
        Filter broken = (request, response, context) -> new ResponseBuilder()
                .clone(context.next(request, response))
                .setBody("{\"ok\":\"yes\",\"verified\":0,\"head\":null}").build();
        assertThatThrownBy(() -> given().filter(broken).queryParam("project", "contract-probe")
                .when().get("/v1/devstate/verify"))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(keys(e)).contains("validation.response.body.schema.required",
                        "validation.response.body.schema.type"));
    }

    @Test
    void anUndocumentedContentTypeFails() {
        Filter plainText = (request, response, context) -> replacing(context.next(request, response),
                "Content-Type", "text/plain").setContentType("text/plain").setBody("ok").build();
        assertThatThrownBy(() -> given().filter(plainText).when().get("/health"))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(keys(e)).contains("validation.response.contentType.notAllowed"));
    }

    @Test
    void aDocumentedHeaderWithTheWrongFormFails() {
        String project = "contract-etag";
        given().contentType(ContentType.JSON).queryParam("project", project)
                .body("{\"project\":\"demo\",\"version\":\"1.0.0\",\"current_cp\":\"CP1-LC\",\"no_drift\":true,"
                        + "\"agents\":[],\"artifact_checksums\":[],\"updated_at\":\"2026-11-25T10:00:00Z\"}")
                .when().put("/v1/devstate/state").then().statusCode(200);
        Filter unquotedEtag = (request, response, context) -> {
            io.restassured.response.Response real = context.next(request, response);
            return replacing(real, "ETag", real.header("ETag").replace("\"", "")).build();
        };
        assertThatThrownBy(() -> given().filter(unquotedEtag).queryParam("project", project)
                .when().get("/v1/devstate/state"))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(keys(e)).contains("validation.response.header.schema.pattern"));
    }

    @Test
    void anInvalidRequestThatTheServerRefusesWithADocumented4xxPasses() {
        // actor is empty: the request breaks AppendRequest (minLength 1), and the server answers a documented 422.
        given().contentType(ContentType.JSON).queryParam("project", "contract-probe")
                .body("{\"actor\":\"\",\"action\":\"note\"}")
                .when().post("/v1/devstate/history")
                .then().statusCode(422);
    }

    @Test
    void anInvalidRequestThatIsAcceptedFails() {
        // The same invalid request, answered as if the server had accepted it.
        Filter accepted = (request, response, context) -> new ResponseBuilder()
                .setStatusCode(201).setStatusLine("HTTP/1.1 201 Created").setContentType("application/json")
                .setHeader("Location", "http://localhost/v1/devstate/history/1?project=contract-probe")
                .setBody("{\"project\":\"contract-probe\",\"seq\":1,\"ts\":\"2026-11-25T16:37:25.467595Z\","
                        + "\"hmac\":\"" + "0".repeat(64) + "\",\"new_hmac\":\"" + "0".repeat(64) + "\","
                        + "\"log\":{\"leaf_index\":0,\"checkpoint_size\":1}}")
                .build();
        assertThatThrownBy(() -> given().filter(accepted).contentType(ContentType.JSON)
                .queryParam("project", "contract-probe").body("{\"actor\":\"\",\"action\":\"note\"}")
                .when().post("/v1/devstate/history"))
                .isInstanceOf(ContractViolation.class)
                .satisfies(e -> assertThat(keys(e)).containsExactly("validation.request.body.schema.minLength"));
    }

    @Test
    void pathsOutsideTheContractAreNotValidated() {
        Filter teapot = (request, response, context) -> new ResponseBuilder()
                .clone(context.next(request, response)).setStatusCode(418).setStatusLine("HTTP/1.1 418 I'm a teapot")
                .build();
        given().filter(teapot).when().get("/q/health/live").then().statusCode(418);
        given().when().get("/metrics").then().statusCode(200);
    }

    @Test
    void theValidatorItselfReportsACraftedResponse() {
        Request request = SimpleRequest.Builder.get("/v1/devstate/state").withQueryParam("project", "demo").build();
        ValidationReport ok = ContractValidation.shared().validate(request, SimpleResponse.Builder.status(404)
                .withContentType("application/problem+json")
                .withBody("{\"type\":\"urn:devstate:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"project 'demo' has no state\"}")
                .build());
        assertThat(ok.hasErrors()).as(ContractValidation.describe(ok)).isFalse();

        ValidationReport bad = ContractValidation.shared().validate(request, SimpleResponse.Builder.status(409)
                .withContentType("application/problem+json")
                .withBody("{\"type\":\"urn:devstate:problem:conflict\",\"title\":\"Conflict\",\"status\":409}")
                .build());
        assertThat(bad.getMessages()).extracting(ValidationReport.Message::getKey)
                .containsExactly("validation.response.status.unknown");

        ValidationReport extraProblemMember = ContractValidation.shared().validate(request,
                SimpleResponse.Builder.status(404).withContentType("application/problem+json")
                        .withBody("{\"type\":\"urn:devstate:problem:not-found\",\"title\":\"Not found\",\"status\":404,"
                                + "\"detail\":\"project 'demo' has no state\",\"trace\":\"x\"}")
                        .build());
        assertThat(extraProblemMember.getMessages()).extracting(ValidationReport.Message::getKey)
                .containsExactly("validation.response.body.schema.additionalProperties");
    }

    /** A copy of a real response with one header replaced (ResponseBuilder.setHeader would add a second value). */
    private static ResponseBuilder replacing(io.restassured.response.Response real, String name, String value) {
        List<Header> headers = new ArrayList<>();
        real.headers().forEach(header -> {
            if (!header.getName().equalsIgnoreCase(name)) {
                headers.add(header);
            }
        });
        headers.add(new Header(name, value));
        return new ResponseBuilder().clone(real).setHeaders(new Headers(headers));
    }

    private static List<String> keys(Throwable violation) {
        return ((ContractViolation) violation).report().getMessages().stream().map(ValidationReport.Message::getKey)
                .toList();
    }
}
