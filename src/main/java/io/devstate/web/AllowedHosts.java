package io.devstate.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which host names a request may be addressed to ({@code Host}) or come from ({@code Origin}).
 * Without it, a web page whose name is rebound to 127.0.0.1 (DNS rebinding) could drive a local,
 * open service from the browser; the MCP specification requires servers to check {@code Origin}.
 * <p>
 * IP literals are always allowed: a page served from an IP address is the same origin as the
 * address it calls, so rebinding cannot produce one, and probes and port-forwards address pods by IP.
 */
final class AllowedHosts {

    private static final List<String> LOCAL = List.of("localhost", ".localhost");

    private final List<String> patterns;
    private final List<String> corsOrigins;
    private final boolean any;

    private AllowedHosts(List<String> patterns, List<String> corsOrigins) {
        this.patterns = patterns.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
        this.corsOrigins = corsOrigins.stream().map(String::strip).toList();
        this.any = this.patterns.contains("*");
    }

    /**
     * The configured list; absent, localhost names in open mode and any host when tokens guard the
     * service. Origins named for CORS ({@code QUARKUS_HTTP_CORS_ORIGINS}) are allowed as they are.
     */
    static AllowedHosts of(Optional<List<String>> configured, boolean tokensEnabled, List<String> corsOrigins) {
        return new AllowedHosts(configured.orElse(tokensEnabled ? List.of("*") : LOCAL), corsOrigins);
    }

    /** A {@code Host} header value ({@code name[:port]}, {@code [v6]:port}); absent is refused (HTTP/1.1 requires it). */
    boolean allowsHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return any;
        }
        return allowsName(nameOf(hostHeader.strip()));
    }

    /** An {@code Origin} header value; absent (not a browser, or same-origin GET) is allowed. */
    boolean allowsOrigin(String origin) {
        if (origin == null || corsOrigins.contains(origin.strip())) {
            return true;
        }
        try {
            URI uri = new URI(origin.strip());
            return uri.getHost() != null && allowsName(uri.getHost());
        } catch (Exception e) {
            // "null" (sandboxed frames, file: pages) and anything unparsable come from no host we know.
            return any;
        }
    }

    private boolean allowsName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (any || isIpLiteral(name)) {
            return true;
        }
        for (String pattern : patterns) {
            if (pattern.startsWith(".") ? name.endsWith(pattern) || name.equals(pattern.substring(1))
                    : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static String nameOf(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
        }
        int colon = hostHeader.lastIndexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }

    static boolean isIpLiteral(String name) {
        if (name.startsWith("[") && name.endsWith("]")) {
            return name.length() > 2 && name.substring(1, name.length() - 1).chars()
                    .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
