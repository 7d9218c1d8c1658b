package io.devstate.contract;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.atlassian.oai.validator.report.ValidationReport.Message;
import com.atlassian.oai.validator.report.ValidationReport.MessageContext;

/**
 * The contract file ({@code openapi/devstate.yaml}) as a validator of real interactions, with the policy of
 * docs/TESTING.md ("The contract is enforced"):
 * <ul>
 * <li>every response to a contract path is checked: status documented for the operation, content type
 * documented, body against the schema (objects without {@code additionalProperties} are closed, so an
 * undocumented member fails), documented headers against their schemas;</li>
 * <li>the request is checked too, but its findings count only when the server accepted it (2xx/3xx): a test
 * that deliberately sends an invalid request and gets a documented 4xx is not failed by the invalid request;</li>
 * <li>paths outside the contract ({@code /q/*}, {@code /metrics}, ...) are not validated;</li>
 * <li>two request checks are off because the contract says so: the security requirement (the server may run
 * in open mode, where no token is needed, and authentication outcomes are asserted by the security tests),
 * and unknown members in request bodies (the contract says they are ignored).</li>
 * </ul>
 */
public final class ContractValidation {

    /** The contract file, relative to the module directory that Maven runs the tests in. */
    public static final Path CONTRACT = Path.of("openapi", "devstate.yaml");

    private static volatile ContractValidation shared;

    private final OpenApiInteractionValidator validator;

    private ContractValidation(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** The validator for the contract file, built once per class loader. */
    public static ContractValidation shared() {
        ContractValidation instance = shared;
        if (instance == null) {
            synchronized (ContractValidation.class) {
                instance = shared;
                if (instance == null) {
                    instance = shared = forSpecification(CONTRACT);
                }
            }
        }
        return instance;
    }

    public static ContractValidation forSpecification(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("contract file not found: " + file.toAbsolutePath());
        }
        LevelResolver levels = LevelResolver.create()
                .withLevel("validation.request.security", Level.IGNORE)
                .withLevel("validation.request.body.schema.additionalProperties", Level.IGNORE)
                .build();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForSpecificationUrl(file.toAbsolutePath().toUri().toString())
                .withLevelResolver(levels)
                .build();
        return new ContractValidation(validator);
    }

    /** Whether a request path is one the contract describes (everything else is not validated). */
    public static boolean inContract(String path) {
        return path.equals("/health") || path.equals("/v1") || path.startsWith("/v1/");
    }

    public static String pathOf(String uri) {
        String path = URI.create(uri).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** The findings for one interaction under the policy above; empty when the interaction keeps the contract. */
    public ValidationReport validate(Request request, Response response) {
        ValidationReport report = validator.validate(request, response);
        boolean accepted = response.getStatus() < 400;
        List<Message> kept = report.getMessages().stream()
                .filter(message -> message.getLevel() == Level.ERROR)
                .filter(message -> accepted || !aboutRequest(message))
                .toList();
        return ValidationReport.from(kept);
    }

    public static String describe(ValidationReport report) {
        return SimpleValidationReportFormat.getInstance().apply(report);
    }

    private static boolean aboutRequest(Message message) {
        if (message.getKey().startsWith("validation.request.")) {
            return true;
        }
        if (message.getKey().startsWith("validation.response.")) {
            return false;
        }
        Optional<MessageContext.Location> location = message.getContext().flatMap(MessageContext::getLocation);
        return location.map(l -> l == MessageContext.Location.REQUEST).orElse(false);
    }
}
