package io.devstate.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devstate.config.DevStateConfig;
import io.devstate.config.SecretFiles;
import io.quarkus.runtime.Startup;

/**
 * The configured bearer tokens, kept only as SHA-256 hashes. A presented token is hashed and
 * compared with every known hash in constant time, without stopping at a match, so timing tells
 * nothing about which token or which byte was wrong.
 */
@Startup
@ApplicationScoped
public class TokenRegistry {

    /** A named token with its role; {@code sha256} is the raw digest. */
    public record Token(String name, String role, byte[] sha256) {
    }

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");
    private static final Pattern HEX64 = Pattern.compile("^[0-9a-fA-F]{64}$");
    private static final Logger LOG = Logger.getLogger(TokenRegistry.class);

    private final List<Token> tokens;

    @Inject
    public TokenRegistry(DevStateConfig config) {
        this(load(config.security().apiToken(), config.security().tokensFile()));
        if (tokens.isEmpty()) {
            LOG.warn("*** No API token is configured (DEVSTATE_API_TOKEN / DEVSTATE_TOKENS_FILE): every route is open "
                    + "to anyone who can reach this port. ***");
        }
    }

    TokenRegistry(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public boolean enabled() {
        return !tokens.isEmpty();
    }

    public Optional<Token> find(String presented) {
        byte[] digest = sha256(presented);
        Token match = null;
        for (Token token : tokens) {
            if (MessageDigest.isEqual(digest, token.sha256()) && match == null) {
                match = token;
            }
        }
        return Optional.ofNullable(match);
    }

    static List<Token> load(Optional<String> apiToken, Optional<String> tokensFile) {
        List<Token> loaded = new ArrayList<>();
        apiToken.ifPresent(token -> loaded.add(new Token("admin", Roles.ADMIN, sha256(token))));
        tokensFile.ifPresent(file -> loaded.addAll(parse(SecretFiles.read(file, "DEVSTATE_TOKENS_FILE"))));
        return loaded;
    }

    static List<Token> parse(List<String> lines) {
        List<Token> parsed = new ArrayList<>();
        for (SecretFiles.Entry entry : SecretFiles.entries(lines)) {
            String[] parts = entry.text().split("\\s+");
            if (parts.length != 3 || !NAME.matcher(parts[0]).matches() || !Roles.isRole(parts[1])
                    || !HEX64.matcher(parts[2]).matches()) {
                throw new IllegalArgumentException("DEVSTATE_TOKENS_FILE line " + entry.number()
                        + " must be '<name> <viewer|writer|admin> <sha256-hex-of-token>'");
            }
            parsed.add(new Token(parts[0], parts[1], HexFormat.of().parseHex(parts[2].toLowerCase())));
        }
        return parsed;
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
