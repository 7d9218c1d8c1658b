package io.devstate.chain;

import io.devstate.config.DevStateConfig;
import io.quarkus.runtime.Startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC keys by kid. Secrets live only here, in memory; they are never stored in the database,
 * logged or returned. Which kid signs new entries is shared by all replicas through the database
 * ({@link ActiveKeys}); the first configured kid is the one a fresh database starts with.
 */
@Startup
@ApplicationScoped
public class Keyring {

    private static final String ALGORITHM = "HmacSHA256";

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    /** One initialised Mac per kid, only ever cloned: a Mac is stateful and not thread-safe. */
    private final Map<String, Mac> prototypes = new HashMap<>();
    /**
     * Each thread's own Macs by kid. Mac.getInstance + init per message cost more than the HMAC of a
     * chain entry itself (provider lookup, key schedule); doFinal leaves a Mac reset for reuse.
     */
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

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
                keys.put(kid, new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM)));
        keys.forEach((kid, key) -> prototypes.put(kid, newMac(key)));
    }

    /** The kid a fresh database activates: the first one configured. */
    public String defaultKid() {
        return keys.keySet().iterator().next();
    }

    public boolean knows(String kid) {
        return keys.containsKey(kid);
    }

    /** Lowercase hex HMAC-SHA256 of the message with the key of {@code kid}, if that key is known. */
    public Optional<String> sign(String kid, String message) {
        Mac mac = mac(kid);
        if (mac == null) {
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8))));
    }

    /** This thread's Mac for {@code kid}, or null when the kid is unknown. */
    private Mac mac(String kid) {
        Mac prototype = prototypes.get(kid);
        if (prototype == null) {
            return null;
        }
        return macs.get().computeIfAbsent(kid, known -> copy(prototype, keys.get(known)));
    }

    private static Mac copy(Mac prototype, SecretKeySpec key) {
        // Once per thread and kid; the lock keeps the copy off any concurrent use of the prototype.
        synchronized (prototype) {
            return clone(prototype, key);
        }
    }

    private static Mac clone(Mac prototype, SecretKeySpec key) {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            // Every JDK provider of HmacSHA256 clones; a provider that does not still works, slower.
            return newMac(key);
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
