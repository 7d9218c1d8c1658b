package io.devstate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code DATABASE_URL} ({@code postgres://user:pass@host:port/db}) and {@code DB_SCHEMA}
 * into the reactive pool's and Flyway's datasource settings, so one variable drives both.
 * Ordinal 275: above application.properties, below explicit Quarkus system properties and env vars.
 */
public class DatabaseUrlConfigSource implements ConfigSource {

    private final Map<String, String> properties;

    public DatabaseUrlConfigSource() {
        this(System.getenv("DATABASE_URL"), System.getenv("DB_SCHEMA"));
    }

    DatabaseUrlConfigSource(String databaseUrl, String schema) {
        this.properties = derive(databaseUrl, schema);
    }

    static Map<String, String> derive(String databaseUrl, String schema) {
        Map<String, String> derived = new HashMap<>();
        String schemaName = schema == null || schema.isBlank() ? null : schema.trim();
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            URI uri = parse(databaseUrl.trim());
            if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
                throw new IllegalArgumentException("DATABASE_URL must start with postgres:// or postgresql://");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("DATABASE_URL (" + masked(databaseUrl.trim()) + ") names no host; "
                        + "percent-encode reserved characters such as @ # / in the user name and password");
            }
            int port = uri.getPort() > 0 ? uri.getPort() : 5432;
            String hostPortDb = uri.getHost() + ":" + port + uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            derived.put("quarkus.datasource.reactive.url", "postgresql://" + hostPortDb + query);
            derived.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPortDb + query);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                derived.put("quarkus.datasource.username", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) {
                    derived.put("quarkus.datasource.password", decode(userInfo.substring(colon + 1)));
                }
            }
        }
        if (schemaName != null) {
            derived.put("quarkus.flyway.schemas", schemaName);
            derived.put("quarkus.flyway.default-schema", schemaName);
            derived.put("quarkus.datasource.reactive.additional-properties.search_path", schemaName);
        }
        return Map.copyOf(derived);
    }

    /** URI.create would put the whole URL, password included, into its message and so into the startup log. */
    private static URI parse(String databaseUrl) {
        try {
            return new URI(databaseUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL (" + masked(databaseUrl) + ") is not a valid URL: "
                    + e.getReason() + " at index " + e.getIndex());
        }
    }

    /**
     * The URL as it may be logged: the user info (everything between the scheme and the last '@')
     * becomes ***; a URL without user info has nothing to hide; without a scheme nothing is shown.
     */
    static String masked(String databaseUrl) {
        int scheme = databaseUrl.indexOf("://");
        if (scheme < 0) {
            return "***";
        }
        int at = databaseUrl.lastIndexOf('@');
        if (at < scheme) {
            return databaseUrl;
        }
        return databaseUrl.substring(0, scheme + 3) + "***" + databaseUrl.substring(at);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "DATABASE_URL";
    }

    @Override
    public int getOrdinal() {
        return 275;
    }
}
