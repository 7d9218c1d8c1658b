package io.devstate.chain;

import io.devstate.config.DevStateConfig;
import io.devstate.config.SecretFiles;

import io.quarkus.runtime.Startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * Signs the projects' checkpoints: C2SP tlog-checkpoint text (origin, size, base64 root) as a C2SP
 * signed-note with Ed25519 (the JDK's own). The key comes from DEVSTATE_LOG_KEY or
 * DEVSTATE_LOG_KEY_FILE in the note signer-key format that Go's {@code golang.org/x/mod/sumdb/note}
 * writes: {@code PRIVATE+KEY+<log name>+<key id>+<base64(0x01 || 32-byte seed)>}. A project's
 * origin is {@code <log name>/<project>}, and its checkpoints are signed under that name, as the
 * checkpoint spec recommends; so each project has its own verifier key, all from one key pair.
 * Ed25519 is deterministic: the same tree gives the same checkpoint bytes.
 */
@Startup // a missing or malformed key is said at start-up, not at the first checkpoint
@ApplicationScoped
public class LogSigner {

    /** The signature type byte of Ed25519 in signed notes. */
    private static final byte ED25519 = 0x01;
    private static final int SEED_BYTES = 32;
    /** Public: anyone can sign with it, which the startup warning says. */
    static final String DEV_ONLY_SEED_TEXT = "devstate-dev-only-log-key-do-not-use-in-production";
    private static final Logger LOG = Logger.getLogger(LogSigner.class);

    private final String logName;
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    @Inject
    public LogSigner(DevStateConfig config) {
        this(configuredKey(config), config.log().name());
    }

    /** With the signer key in the note format, or null for the dev-only key under {@code defaultName}. */
    LogSigner(String configured, String defaultName) {
        byte[] seed;
        SignerKey key = null;
        if (configured == null) {
            LOG.warn("*** No log key is configured (DEVSTATE_LOG_KEY or DEVSTATE_LOG_KEY_FILE): signing checkpoints "
                    + "with the public DEV-ONLY key. Anyone can forge such a checkpoint. ***");
            this.logName = defaultName;
            seed = sha256(DEV_ONLY_SEED_TEXT.getBytes(StandardCharsets.UTF_8));
        } else {
            key = SignerKey.parse(configured);
            this.logName = key.name();
            seed = key.seed();
        }
        KeyPair pair = keyPair(seed);
        Arrays.fill(seed, (byte) 0);
        this.privateKey = pair.getPrivate();
        this.publicKey = rawPublicKey(pair);
        if (key != null) {
            key.checkId(publicKey);
        }
    }

    private static String configuredKey(DevStateConfig config) {
        if (config.log().keyFile().isPresent()) {
            List<String> lines = SecretFiles.entries(SecretFiles.read(config.log().keyFile().get(), "DEVSTATE_LOG_KEY_FILE"))
                    .stream().map(SecretFiles.Entry::text).toList();
            if (lines.size() != 1) {
                throw new IllegalStateException("DEVSTATE_LOG_KEY_FILE must hold exactly one signer key, it holds "
                        + lines.size() + " lines");
            }
            return lines.get(0);
        }
        return config.log().key().filter(key -> !key.isBlank()).orElse(null);
    }

    /** The log's name: each project's origin is {@code <name>/<project>}. */
    public String logName() {
        return logName;
    }

    public String origin(String project) {
        return logName + "/" + project;
    }

    /** The checkpoint of the project's tree at {@code size} with {@code root}, as a signed note. */
    public String checkpoint(String project, long size, byte[] root) {
        String origin = origin(project);
        String text = origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
        byte[] signature = sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] line = new byte[4 + signature.length];
        System.arraycopy(keyId(origin, publicKey), 0, line, 0, 4);
        System.arraycopy(signature, 0, line, 4, signature.length);
        return text + "\n\u2014 " + origin + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }

    /** The three lines of a checkpoint note's text. */
    public record CheckpointText(String origin, long size, byte[] root) {
    }

    /**
     * Reads a checkpoint note (C2SP tlog-checkpoint in a signed-note) without checking a
     * signature; null when it is not one. {@link #signedHere} tells whether this log signed it.
     */
    public static CheckpointText parse(String note) {
        int blank = note.indexOf("\n\n");
        if (blank < 0) {
            return null;
        }
        String[] lines = note.substring(0, blank).split("\n", -1);
        if (lines.length < 3 || lines[0].isEmpty() || !lines[1].matches("0|[1-9][0-9]{0,18}")) {
            return null;
        }
        try {
            byte[] root = Base64.getDecoder().decode(lines[2]);
            return root.length == 32 ? new CheckpointText(lines[0], Long.parseLong(lines[1]), root) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code note} is exactly what this log signs for that tree (signatures are deterministic). */
    public boolean signedHere(String project, String note) {
        CheckpointText text = parse(note);
        return text != null && note.equals(checkpoint(project, text.size(), text.root()));
    }

    /** The verifier key of the project's checkpoints: {@code <origin>+<key id>+<base64(0x01 || public key)>}. */
    public String verifierKey(String project) {
        String origin = origin(project);
        return origin + "+" + HexFormat.of().formatHex(keyId(origin, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(typed(publicKey));
    }

    private byte[] sign(byte[] text) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(privateKey);
            ed25519.update(text);
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** key ID = SHA-256(key name || 0x0A || 0x01 || public key)[:4] (C2SP signed-note). */
    static byte[] keyId(String name, byte[] publicKey) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[nameBytes.length + 2 + publicKey.length];
        System.arraycopy(nameBytes, 0, input, 0, nameBytes.length);
        input[nameBytes.length] = '\n';
        input[nameBytes.length + 1] = ED25519;
        System.arraycopy(publicKey, 0, input, nameBytes.length + 2, publicKey.length);
        return Arrays.copyOf(sha256(input), 4);
    }

    private static byte[] typed(byte[] key) {
        byte[] typed = new byte[key.length + 1];
        typed[0] = ED25519;
        System.arraycopy(key, 0, typed, 1, key.length);
        return typed;
    }

    /**
     * The JDK builds an Ed25519 private key from a seed but derives no public key from it; key
     * generation does, from 32 random bytes, so it is handed the seed as its randomness.
     */
    private static KeyPair keyPair(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** The last 32 bytes of the X.509 encoding are the RFC 8032 public key. */
    private static byte[] rawPublicKey(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A signer key in the note format; its secret never reaches a log line or a message. */
    record SignerKey(String name, String id, byte[] seed) {

        static SignerKey parse(String text) {
            // Five parts: note names hold no '+', but the base64 of the key may.
            String[] parts = text.strip().split("\\+", 5);
            if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY") || parts[2].isEmpty()
                    || !parts[3].matches("[0-9a-f]{8}")) {
                throw new IllegalStateException(
                        "the log key is not a note signer key (PRIVATE+KEY+<name>+<8 hex digits>+<base64 key>)");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(parts[4]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the log key's key part is not base64");
            }
            if (key.length != SEED_BYTES + 1 || key[0] != ED25519) {
                throw new IllegalStateException("the log key is not an Ed25519 signer key (type byte 0x01, 32 bytes)");
            }
            return new SignerKey(parts[2], parts[3], Arrays.copyOfRange(key, 1, key.length));
        }

        void checkId(byte[] publicKey) {
            if (!HexFormat.of().formatHex(keyId(name, publicKey)).equals(id)) {
                throw new IllegalStateException("the log key's id " + id + " does not match its key (name " + name + ")");
            }
        }
    }

    /** Randomness that is the seed: makes key generation derive the key pair of a known seed. */
    private static final class FixedSeed extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final transient byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("Ed25519 key generation asked for " + bytes.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
