package io.devstate.keys;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.devstate.config.DevStateConfig;
import io.quarkus.runtime.Startup;

/**
 * The HMAC keys by kid. Secrets live only here, in memory; they are never stored in the database,
 * logged or returned. Which kid signs new entries is shared by all replicas through the database
 * ({@link KeyService}); the first configured kid is the one a fresh database starts with.
 */
@Startup
@ApplicationScoped
public class Keyring {

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    @Inject
    public Keyring(DevStateConfig config) {
        this(KeySources.load(config));
    }

    /** A one-key keyring (offline verification, tests). */
    public Keyring(String kid, String secret) {
        this(Map.of(kid, secret));
    }

    /** Keys in configuration order; the first is the default active key. */
    public Keyring(Map<String, String> secretsByKid) {
        if (secretsByKid.isEmpty()) {
            throw new IllegalArgumentException("a keyring needs at least one key");
        }
        secretsByKid.forEach((kid, secret) ->
                keys.put(kid, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
    }

    /** The kid a fresh database activates: the first one configured. */
    public String defaultKid() {
        return keys.keySet().iterator().next();
    }

    public Set<String> kids() {
        return keys.keySet();
    }

    public boolean knows(String kid) {
        return keys.containsKey(kid);
    }

    /** Lowercase hex HMAC-SHA256 of the message with the key of {@code kid}, if that key is known. */
    public Optional<String> sign(String kid, String message) {
        SecretKeySpec key = keys.get(kid);
        if (key == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Optional.of(HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
