package io.devstate.keys;

import static io.devstate.testsupport.Fixtures.append;
import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.transactionsOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.devstate.chain.ChainEntry;
import io.devstate.chain.ChainWriter;
import io.devstate.chain.EntryDraft;
import io.devstate.common.PreconditionFailed;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(KeyRotationTest.TwoKeys.class)
@WithTestResource(PostgresResource.class)
class KeyRotationTest {

    static final String K2_SECRET = "second-key-secret-4d1e9a";

    /** k1 keeps the secret the other test profiles use, so their chains stay valid in the shared database. */
    public static class TwoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("devstate.hmac.keys", "k1:test-secret-for-devstate-unit-tests,k2:" + K2_SECRET,
                    "devstate.hmac.secret", "");
        }
    }

    @AfterEach
    void restoreTheDefaultKey() {
        given().contentType(ContentType.JSON).queryParam("project", "key-rotation-restore").body("{\"kid\":\"k1\"}")
                .when().post("/v1/devstate/keys/rotate").then().statusCode(200);
    }

    @Test
    void rotationSwitchesTheSigningKeyAndOldEntriesStillVerify() {
        String project = newProject("rotate");
        append(project, "a", "note", null);
        given().when().get("/v1/devstate/keys/active").then().statusCode(200).body("kid", equalTo("k1"));

        given().contentType(ContentType.JSON).queryParam("project", project).header("DevState-Actor", "ops")
                .body("{\"kid\":\"k2\"}")
                .when().post("/v1/devstate/keys/rotate")
                .then().statusCode(200)
                .body("kid", equalTo("k2"))
                .body("seq", equalTo(2));
        append(project, "a", "note", null);

        given().when().get("/v1/devstate/keys/active").then().body("kid", equalTo("k2"))
                .body(not(containsString(K2_SECRET)));
        given().queryParam("project", project).when().get("/v1/devstate/history/2")
                .then().body("action", equalTo("key_rotated"))
                .body("kid", equalTo("k2"))
                .body("metadata.kid", equalTo("k2"))
                .body("metadata.previous_kid", equalTo("k1"));
        given().queryParam("project", project).when().get("/v1/devstate/history/1").then().body("kid", equalTo("k1"));
        given().queryParam("project", project).when().get("/v1/devstate/history/3").then().body("kid", equalTo("k2"));
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(3));
    }

    @Test
    void onlyConfiguredKeysCanBeActivated() {
        given().contentType(ContentType.JSON).body("{\"kid\":\"k9\"}")
                .when().post("/v1/devstate/keys/rotate")
                .then().statusCode(422)
                .body("field", equalTo("kid"));
        given().when().get("/v1/devstate/keys/active").then().body("kid", equalTo("k1"));
    }

    @Inject
    ChainWriter writer;

    @Inject
    KeyService keys;

    private static EntryDraft note(String actor) {
        return new EntryDraft(actor, "note", null, null, null, null, null);
    }

    private static <T> T await(CompletableFuture<T> result) {
        return result.orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** A rotation is a job of the chain writer like any write: it shares a batch with the writes around it. */
    @Test
    void aRotationInABatchSignsTheWritesAfterItAndARefusedKidSwitchIsUndone() {
        String project = newProject("rotate-batch");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<ChainEntry> before = writer.submit(project, batch -> Uni.createFrom().completionStage(gate)
                .map(ignored -> batch.append(note("before")))).subscribeAsCompletionStage();
        CompletableFuture<KeyService.Rotation> rotation = keys.rotate(project, "k2", "ops", null, null)
                .subscribeAsCompletionStage();
        CompletableFuture<ChainEntry> refused = writer.<ChainEntry>submit(project, batch -> {
            batch.useKid("k1");
            batch.append(note("never"));
            throw new PreconditionFailed("refused after switching the kid");
        }).subscribeAsCompletionStage();
        CompletableFuture<ChainEntry> after = writer.submit(project, batch -> Uni.createFrom()
                .item(batch.append(note("after")))).subscribeAsCompletionStage();

        gate.complete(null);

        assertThat(await(before).kid()).isEqualTo("k1");
        assertThat(await(rotation).entry().kid()).isEqualTo("k2");
        assertThat(await(rotation).entry().seq()).isEqualTo(2);
        assertThatThrownBy(() -> await(refused)).hasCauseInstanceOf(PreconditionFailed.class);
        assertThat(await(after).kid()).isEqualTo("k2");
        assertThat(await(after).seq()).isEqualTo(3);
        assertThat(transactionsOf(project)).isEqualTo(2);
        given().when().get("/v1/devstate/keys/active").then().body("kid", equalTo("k2"));
        given().queryParam("project", project).when().get("/v1/devstate/verify")
                .then().body("ok", equalTo(true)).body("verified", equalTo(3));
    }
}
