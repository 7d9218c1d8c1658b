package io.devstate.chain;

import io.devstate.config.DevStateConfig;
import io.devstate.config.SecretFiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

/**
 * Reads the keyring from its sources, in this order: DEVSTATE_HMAC_KEYS_FILE, DEVSTATE_HMAC_KEYS,
 * HMAC_SECRET (with HMAC_KID). Errors name the source and line, never a secret.
 */
final class KeySources {

    /** Publicly known on purpose: anything signed with it proves nothing. */
    static final String DEV_ONLY_SECRET = "devstate-dev-only-secret-do-not-use-in-production";
    private static final Pattern KID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    private static final Logger LOG = Logger.getLogger(KeySources.class);

    private KeySources() {
    }

    static Map<String, String> load(DevStateConfig config) {
        Map<String, String> keys = new LinkedHashMap<>();
        config.hmac().keysFile().ifPresent(file -> parse(SecretFiles.read(file, "DEVSTATE_HMAC_KEYS_FILE"),
                "DEVSTATE_HMAC_KEYS_FILE", keys));
        config.hmac().keys().ifPresent(list -> parse(List.of(list.split(",")), "DEVSTATE_HMAC_KEYS", keys));
        config.hmac().secret().ifPresent(secret -> add(keys, config.hmac().kid(), secret, "HMAC_SECRET"));
        if (keys.isEmpty()) {
            LOG.warn("*** No HMAC key is configured (HMAC_SECRET, DEVSTATE_HMAC_KEYS or DEVSTATE_HMAC_KEYS_FILE): "
                    + "signing the history with the public DEV-ONLY key. Anyone can forge such a chain. ***");
            keys.put(config.hmac().kid(), DEV_ONLY_SECRET);
        }
        return keys;
    }

    static void parse(List<String> lines, String source, Map<String, String> keys) {
        for (SecretFiles.Entry entry : SecretFiles.entries(lines)) {
            String line = entry.text();
            int number = entry.number();
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IllegalArgumentException(source + " entry " + number + " is not kid:secret");
            }
            add(keys, line.substring(0, colon), line.substring(colon + 1), source + " entry " + number);
        }
    }

    private static void add(Map<String, String> keys, String kid, String secret, String source) {
        if (!KID.matcher(kid).matches()) {
            throw new IllegalArgumentException(source + ": kid must match " + KID.pattern());
        }
        String previous = keys.putIfAbsent(kid, secret);
        if (previous != null && !previous.equals(secret)) {
            throw new IllegalArgumentException(source + ": kid " + kid + " is configured twice with different secrets");
        }
    }
}
