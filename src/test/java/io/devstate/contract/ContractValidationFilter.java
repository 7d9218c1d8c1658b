package io.devstate.contract;

import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import io.restassured.filter.FilterContext;
import io.restassured.filter.OrderedFilter;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * A RestAssured filter that checks every request to a contract path, and its response, against
 * {@code openapi/devstate.yaml} (policy: {@link ContractValidation}); installed for every test by
 * {@link ContractValidationCallback}. It runs outermost, so it sees the response exactly as the test sees it.
 */
public final class ContractValidationFilter implements OrderedFilter {

    private final ContractValidation contract;

    public ContractValidationFilter(ContractValidation contract) {
        this.contract = contract;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        String path = ContractValidation.pathOf(request.getURI());
        if (!ContractValidation.inContract(path)) {
            return response;
        }
        ValidationReport report = contract.validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
        if (report.hasErrors()) {
            throw new ContractViolation(request.getMethod() + " " + request.getURI() + " -> " + response.statusCode()
                    + " " + response.contentType() + " breaks openapi/devstate.yaml:\n"
                    + ContractValidation.describe(report) + "\nresponse body: " + abbreviate(response.asString()),
                    report);
        }
        return response;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
    }

    /** An interaction that the contract does not describe. */
    public static final class ContractViolation extends AssertionError {
        private static final long serialVersionUID = 1L;
        private final transient ValidationReport report;

        ContractViolation(String message, ValidationReport report) {
            super(message);
            this.report = report;
        }

        public ValidationReport report() {
            return report;
        }
    }
}
