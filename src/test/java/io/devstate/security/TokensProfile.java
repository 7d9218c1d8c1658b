package io.devstate.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** An admin token from DEVSTATE_API_TOKEN and named viewer/writer/admin tokens from a tokens file. */
public class TokensProfile implements QuarkusTestProfile {

    public static final String ADMIN_TOKEN = "admin-token-7f3c2a91d0";
    public static final String VIEWER_TOKEN = "viewer-token-5b8e1d77c4";
    public static final String WRITER_TOKEN = "writer-token-c2d9f01a63";
    public static final String OPS_TOKEN = "ops-admin-token-98ab41e2f0";

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path tokensFile() {
        try {
            Path file = Files.createTempFile("devstate-tokens", ".txt");
            Files.writeString(file, """
                    # name role sha256
                    dashboard viewer %s
                    ci-writer writer %s
                    ops admin %s
                    """.formatted(sha256(VIEWER_TOKEN), sha256(WRITER_TOKEN), sha256(OPS_TOKEN)));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "devstate.security.api-token", ADMIN_TOKEN,
                "devstate.security.tokens-file", tokensFile().toString());
    }
}
