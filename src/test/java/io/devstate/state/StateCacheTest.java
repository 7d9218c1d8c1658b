package io.devstate.state;

import static io.devstate.testsupport.Fixtures.newProject;
import static io.devstate.testsupport.Fixtures.putState;
import static io.devstate.testsupport.Fixtures.tamper;
import static io.devstate.testsupport.Fixtures.validState;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.common.Json;
import io.devstate.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class StateCacheTest {

    @Inject
    StateCache liveCache;

    @Test
    void readsAreServedFromMemoryUntilAChangeIsAnnounced() throws InterruptedException {
        String project = newProject("cached");
        for (int i = 0; i < 200 && !liveCache.inUse(); i++) {
            Thread.sleep(50); // the first heartbeat confirms the channel a moment after start
        }
        assertThat(liveCache.inUse()).as("the notification channel is confirmed live").isTrue();
        putState(project, validState("CP1-LC"));
        given().queryParam("project", project).when().get("/v1/devstate/state").then().body("version", equalTo(1));

        // A change the database does not announce is invisible: the read did not go to the database.
        tamper("update state_current set version = 41 where project = '" + project + "'");
        given().queryParam("project", project).when().get("/v1/devstate/state").then().body("version", equalTo(1));

        // Announced (as every state write does inside its transaction), the next reads see it.
        tamper("select pg_notify('" + StateChanges.CHANNEL + "', '" + project + "')");
        int version = 1;
        for (int i = 0; i < 100 && version != 41; i++) {
            version = given().queryParam("project", project).when().get("/v1/devstate/state")
                    .then().extract().path("version");
            Thread.sleep(10);
        }
        assertThat(version).isEqualTo(41);
    }

    @Test
    void aStaleReadCannotRepopulateTheCacheAfterAnInvalidation() {
        FakeClock clock = new FakeClock();
        StateCache cache = cache(clock);
        cache.confirmed(clock.now);
        long before = cache.generation();
        cache.invalidate("p");
        cache.put(state("p", 1), before);

        assertThat(cache.get("p")).isEmpty();
        cache.put(state("p", 2), cache.generation());
        assertThat(cache.get("p")).isPresent();
        cache.lost("test");
        assertThat(cache.get("p")).isEmpty();
    }

    @Test
    void theCacheServesOnlyWhileTheLastHeartbeatIsYoungerThanTheBound() {
        FakeClock clock = new FakeClock();
        StateCache cache = cache(clock);
        cache.put(state("p", 1), cache.generation());
        assertThat(cache.get("p")).as("nothing is cached before the channel is confirmed").isEmpty();

        cache.confirmed(clock.now);
        cache.put(state("p", 1), cache.generation());
        clock.advance(BOUND.minusMillis(1));
        assertThat(cache.get("p")).isPresent();

        clock.advance(Duration.ofMillis(1));
        assertThat(cache.inUse()).isFalse();
        assertThat(cache.get("p")).isEmpty();

        // A late heartbeat sent before the lapse does not bring the cache back; a fresh one does,
        // but empty: writes may have gone unannounced in between.
        cache.confirmed(clock.now - BOUND.toNanos());
        assertThat(cache.inUse()).isFalse();
        cache.confirmed(clock.now);
        assertThat(cache.inUse()).isTrue();
        assertThat(cache.get("p")).isEmpty();
    }

    @Test
    void aReadThatStartedBeforeTheChannelCameBackIsNotCached() {
        FakeClock clock = new FakeClock();
        StateCache cache = cache(clock);
        cache.confirmed(clock.now);
        cache.lost("connection closed");
        long readStarted = cache.generation();
        cache.confirmed(clock.now);

        cache.put(state("p", 1), readStarted);

        assertThat(cache.get("p")).isEmpty();
    }

    @Test
    void aLostChannelBypassesTheCacheAtOnce() {
        FakeClock clock = new FakeClock();
        StateCache cache = cache(clock);
        cache.confirmed(clock.now);
        cache.put(state("p", 1), cache.generation());

        cache.lost("reconnect refused");

        assertThat(cache.inUse()).isFalse();
        assertThat(cache.get("p")).isEmpty();
    }

    @Test
    void aCachedStateIsRenderedOnceAndAsTheMapperWritesItsView() throws Exception {
        FakeClock clock = new FakeClock();
        StateCache cache = cache(clock);
        cache.confirmed(clock.now);
        StoredState cached = document("p", 1);
        cache.put(cached, cache.generation());

        byte[] json = cache.json(cached);

        assertThat(cache.json(cached)).isSameAs(json);
        assertThat(json).isEqualTo(MAPPER.writeValueAsBytes(StateView.of(cached)));
        assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith("{\"project\":\"p\",\"json\":{\"current_cp\":\"CP1-LC\"},\"checksum\":\"sha256:1\"");
    }

    @Test
    void aStateThatIsNotTheCachedInstanceIsRenderedAnew() {
        FakeClock clock = new FakeClock();
        StateCache cache = cache(clock);
        cache.confirmed(clock.now);
        cache.put(document("p", 1), cache.generation());

        byte[] changed = cache.json(document("p", 2));
        byte[] reread = cache.json(document("p", 2));

        assertThat(new String(changed, StandardCharsets.UTF_8)).contains("\"version\":2");
        assertThat(reread).isNotSameAs(changed).isEqualTo(changed);
    }

    @Test
    void theCacheHoldsAtMostItsBoundOfProjects() {
        FakeClock clock = new FakeClock();
        StateCache cache = new StateCache(BOUND, 3, MAPPER, clock);
        cache.confirmed(clock.now);
        for (int i = 0; i < 10; i++) {
            cache.put(state("p" + i, 1), cache.generation());
        }

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("p9")).as("the newest put is kept").isPresent();
        cache.put(state("p9", 2), cache.generation());
        assertThat(cache.size()).as("replacing a held project evicts nothing").isEqualTo(3);
    }

    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static StateCache cache(FakeClock clock) {
        return new StateCache(BOUND, 100, MAPPER, clock);
    }

    private static StoredState document(String project, long version) {
        return new StoredState(project, Json.parse("{\"current_cp\":\"CP" + version + "-LC\"}", "doc"),
                "sha256:" + version, version, "2026-12-02T00:00:00.000000Z");
    }

    private static StoredState state(String project, long version) {
        return new StoredState(project, null, "sha256:" + version, version, "t");
    }

    private static final class FakeClock implements LongSupplier {
        long now = 1_000_000_000L;

        void advance(Duration by) {
            now += by.toNanos();
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }
}
