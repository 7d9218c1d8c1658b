package io.devstate.web;

import io.devstate.common.BadRequest;
import io.devstate.common.ProblemType;
import io.devstate.common.Refused;
import io.devstate.common.Utf8;
import io.devstate.config.DevStateConfig;
import io.devstate.security.TokenRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The first handler of every request: refuses, as problem documents, request targets and headers
 * over the limits (414, 431) and requests for a host or from an origin that is not allowed (421,
 * 403; see {@link AllowedHosts}), and query parameters that are not well-formed UTF-8 text (400). The HTTP layer's own limits are set well above these, so a
 * client over them is told why instead of getting a bare status.
 */
@ApplicationScoped
public class RequestGate {

    /** Before Quarkus's own filters (CORS among them), so a refused request gets a problem document. */
    static final int ORDER = -1000;

    private final AllowedHosts hosts;
    private final int maxUrlBytes;
    private final int maxHeaderBytes;

    public RequestGate(DevStateConfig config, TokenRegistry tokens) {
        List<String> cors = ConfigProvider.getConfig()
                .getOptionalValues("quarkus.http.cors.origins", String.class).orElse(List.of());
        this.hosts = AllowedHosts.of(config.http().allowedHosts(), tokens.enabled(), cors);
        this.maxUrlBytes = config.http().maxUrlBytes();
        this.maxHeaderBytes = config.http().maxHeaderBytes();
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > maxUrlBytes) {
            EdgeResponses.refuse(context, new Refused(ProblemType.URI_TOO_LONG,
                    "the request target is longer than " + maxUrlBytes + " bytes; send large filters in fewer "
                            + "or shorter parameters"));
            return;
        }
        if (headerBytes(request) > maxHeaderBytes) {
            EdgeResponses.refuse(context, new Refused(ProblemType.HEADERS_TOO_LARGE,
                    "the request headers are larger than " + maxHeaderBytes + " bytes"));
            return;
        }
        // Host over HTTP/1.1, :authority over HTTP/2 (the JDK's client upgrades to h2c)
        String host = request.authority() == null ? null : request.authority().toString();
        if (!hosts.allowsHost(host)) {
            EdgeResponses.refuse(context, new Refused(ProblemType.MISDIRECTED_REQUEST,
                    "this service does not answer for host '" + printable(host)
                            + "'; add it to DEVSTATE_ALLOWED_HOSTS to allow it"));
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (!hosts.allowsOrigin(origin)) {
            EdgeResponses.refuse(context, new Refused(ProblemType.ORIGIN_NOT_ALLOWED,
                    "requests from origin '" + printable(origin)
                            + "' are not allowed; add its host to DEVSTATE_ALLOWED_HOSTS to allow it"));
            return;
        }
        String malformed = malformedParameter(request.query());
        if (malformed != null) {
            EdgeResponses.refuse(context, new BadRequest("query parameter '" + printable(malformed)
                    + "' is not well-formed UTF-8 text without control characters").with("field", malformed));
            return;
        }
        context.next();
    }

    /**
     * The first query parameter whose name or value, percent-decoded, is not well-formed UTF-8 or
     * holds a control character (the framework would decode it leniently, to U+FFFD or worse).
     */
    static String malformedParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            String decodedName = decoded(name);
            if (decodedName == null) {
                return name;
            }
            String decodedValue = decoded(value);
            if (decodedValue == null) {
                return decodedName;
            }
        }
        return null;
    }

    /** Percent-decoded text, or null when it is not well-formed UTF-8 or holds a control character. */
    private static String decoded(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return null;
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                bytes.write(c > 0xff ? '?' : c);
            }
        }
        try {
            String text = Utf8.decode(bytes.toByteArray());
            return text.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f) ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int headerBytes(HttpServerRequest request) {
        int total = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            total += header.getKey().length() + header.getValue().length();
        }
        return total;
    }

    /** A header echoed in a detail: bounded and without control characters. */
    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String bounded = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return bounded.replaceAll("\\p{Cntrl}", "?");
    }
}
