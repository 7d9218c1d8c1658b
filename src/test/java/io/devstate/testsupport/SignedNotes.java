package io.devstate.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Checks a checkpoint as C2SP signed-note and tlog-checkpoint describe it, with the JDK's Ed25519
 * verifier and the verifier key in the note format: written from the specs for the tests,
 * independently of the service's signer.
 */
public final class SignedNotes {

    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** A verified checkpoint: the note's text lines. */
    public record Checkpoint(String origin, long size, byte[] root, String note) {
    }

    private SignedNotes() {
    }

    /** Asserts that the note has one signature, by {@code verifierKey}, that verifies; returns the checkpoint. */
    public static Checkpoint verified(String note, String verifierKey) throws Exception {
        String[] vkey = verifierKey.split("\\+");
        assertThat(vkey).as("verifier key name+id+key").hasSize(3);
        byte[] typed = Base64.getDecoder().decode(vkey[2]);
        assertThat(typed[0]).as("Ed25519 type byte").isEqualTo((byte) 1);
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
        System.arraycopy(typed, 1, spki, ED25519_SPKI_PREFIX.length, 32);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));

        int split = note.indexOf("\n\n");
        assertThat(split).as("blank line before the signatures of\n%s", note).isPositive();
        String text = note.substring(0, split + 1);
        String prefix = "\u2014 " + vkey[0] + " ";
        String signatureLine = note.substring(split + 2);
        assertThat(signatureLine).startsWith(prefix).endsWith("\n").hasLineCount(1);
        byte[] signature = Base64.getDecoder().decode(signatureLine.substring(prefix.length()).strip());
        assertThat(HexFormat.of().formatHex(signature, 0, 4)).as("key id").isEqualTo(vkey[1]);
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(publicKey);
        ed25519.update(text.getBytes(StandardCharsets.UTF_8));
        assertThat(ed25519.verify(signature, 4, signature.length - 4)).as("signature of\n%s", text).isTrue();

        String[] lines = text.split("\n");
        assertThat(lines).as("origin, size, root").hasSize(3);
        return new Checkpoint(lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]), note);
    }
}
