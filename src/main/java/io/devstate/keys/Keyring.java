package io.devstate.keys;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.devstate.config.DevStateConfig;
import io.quarkus.runtime.Startup;

/**
 * The HMAC keys by kid. Secrets live only here, in memory; they are never logged or returned.
 * Rotation (several kids, an active one chosen at runtime) extends this component.
 */
@Startup
@ApplicationScoped
public class Keyring {

    /** Publicly known on purpose: anything signed with it proves nothing. */
    static final String DEV_ONLY_SECRET = "devstate-dev-only-secret-do-not-use-in-production";
    private static final Logger LOG = Logger.getLogger(Keyring.class);

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String activeKid;

    @Inject
    public Keyring(DevStateConfig config) {
        this(config.hmac().kid(), config.hmac().secret().orElseGet(Keyring::devOnlySecret));
    }

    /** A one-key keyring (offline verification, tests). */
    public Keyring(String kid, String secret) {
        this.activeKid = kid;
        keys.put(kid, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    }

    private static String devOnlySecret() {
        LOG.warn("*** HMAC_SECRET is not set: signing the history with the public DEV-ONLY key. "
                + "Anyone can forge such a chain. Set HMAC_SECRET for any real use. ***");
        return DEV_ONLY_SECRET;
    }

    /** The kid new entries are signed with. */
    public String activeKid() {
        return activeKid;
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
