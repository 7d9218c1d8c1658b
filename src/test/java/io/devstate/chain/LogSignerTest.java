package io.devstate.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * Checkpoints byte for byte as Go's own signed-note implementation writes them: the vector below
 * was made with {@code golang.org/x/mod/sumdb/note} v0.36.0 (note.NewSigner, note.Sign) from the
 * seed SHA-256("devstate log key test vector"), signing the checkpoint of a tree of 3 leaves with
 * root SHA-256("root") under the origin's name. Ed25519 is deterministic, so equal bytes mean the
 * same key, key id, text and signature line.
 */
class LogSignerTest {

    private static final String SIGNER_KEY =
            "PRIVATE+KEY+devstate.example.org+ee68ba05+AROGWTiRLOIDZ1Nb6uc6CmYxonX29K4O0jTKgvCY3qhU";
    private static final String GO_VERIFIER_KEY =
            "devstate.example.org/default+24bff017+ATvUiGq8THkWCUotGqDnGai2gIZHt8ifbIDEHAyTpOjI";
    private static final byte[] ROOT = Base64.getDecoder().decode("SBNJTRN+FjG7owHVrKtue7eqdM4RhdRWVl71HXN2d7I=");
    private static final String GO_NOTE = "devstate.example.org/default\n3\nSBNJTRN+FjG7owHVrKtue7eqdM4RhdRWVl71HXN2d7I=\n\n"
            + "\u2014 devstate.example.org/default JL/wF2jRMbosMQwZlqm5jK7176rchJf5CQNN+Kkv3Ex7SuD3Fg/CwBccG3Ee+WI7BOr+kou9w4+ttUYoTL0vrMg5QgA=\n";

    @Test
    void checkpointsAreTheBytesGosNotePackageSigns() {
        LogSigner signer = new LogSigner(SIGNER_KEY, "ignored");

        assertThat(signer.logName()).isEqualTo("devstate.example.org");
        assertThat(signer.origin("default")).isEqualTo("devstate.example.org/default");
        assertThat(signer.checkpoint("default", 3, ROOT)).isEqualTo(GO_NOTE);
        assertThat(signer.verifierKey("default")).isEqualTo(GO_VERIFIER_KEY);
        assertThat(signer.signedHere("default", GO_NOTE)).isTrue();
        assertThat(signer.signedHere("default", GO_NOTE.replace("\n3\n", "\n4\n"))).isFalse();
    }

    @Test
    void aCheckpointNoteIsParsedWithoutTrustingIt() {
        LogSigner.CheckpointText text = LogSigner.parse(GO_NOTE);
        assertThat(text.origin()).isEqualTo("devstate.example.org/default");
        assertThat(text.size()).isEqualTo(3);
        assertThat(text.root()).isEqualTo(ROOT);
        assertThat(LogSigner.parse("no blank line")).isNull();
        assertThat(LogSigner.parse("o\n03\nSBNJTRN+FjG7owHVrKtue7eqdM4RhdRWVl71HXN2d7I=\n\n— o x\n")).as("leading zero").isNull();
        assertThat(LogSigner.parse("o\n3\nc2hvcnQ=\n\n— o x\n")).as("a root of 5 bytes").isNull();
    }

    @Test
    void aKeyWhoseBase64HoldsPlusSignsIsRead() {
        // From `devstate log-keygen --name devstate.test` (Go's note.GenerateKey): the key part of
        // the signer key, standard base64, has '+' in it; the name cannot (note names exclude '+').
        LogSigner signer = new LogSigner("PRIVATE+KEY+devstate.test+89d9e6e8+AYs7+4D5yiP+AADfCaBeb+18mBTZaWHPtA507+lQtcuq",
                "ignored");
        String goNameKey = "devstate.test+89d9e6e8+AQZfblf5sMVcrpZluPXrQUHTBJp0Qr4FHR42Sc7dixmq";
        assertThat(signer.logName()).isEqualTo("devstate.test");
        assertThat(signer.verifierKey("p")).startsWith("devstate.test/p+")
                .endsWith("+" + goNameKey.substring(goNameKey.lastIndexOf('+') + 1)); // the same public key
    }

    @Test
    void malformedKeysAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> new LogSigner("PRIVATE+KEY+name+zz+AAAA", "x"))
                .hasMessageContaining("not a note signer key").hasMessageNotContaining("AAAA");
        assertThatThrownBy(() -> new LogSigner(SIGNER_KEY.replace("ee68ba05", "ee68ba06"), "x"))
                .hasMessageContaining("does not match its key").hasMessageNotContaining("AROGW");
        assertThatThrownBy(() -> new LogSigner("PRIVATE+KEY+name+ee68ba05+AQID", "x"))
                .hasMessageContaining("not an Ed25519 signer key");
    }

    @Test
    void withoutAKeyTheDevKeySignsUnderTheConfiguredName() {
        LogSigner dev = new LogSigner(null, "devstate.localhost");
        assertThat(dev.origin("p")).isEqualTo("devstate.localhost/p");
        assertThat(dev.verifierKey("p")).startsWith("devstate.localhost/p+");
        assertThat(dev.checkpoint("p", 0, MerkleHash.empty())).isEqualTo(new LogSigner(null, "devstate.localhost")
                .checkpoint("p", 0, MerkleHash.empty()));
    }
}
