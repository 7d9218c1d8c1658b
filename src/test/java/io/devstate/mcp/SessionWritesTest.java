package io.devstate.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionWritesTest {

    @Test
    void aSessionsReadsPresentItsNewestWritePerProject() {
        SessionWrites writes = new SessionWrites();
        writes.wrote("s1", "p", 3, 10);
        writes.wrote("s1", "p", 0, 12); // an append: a newer seq, no state version
        writes.wrote("s1", "p", 2, 11); // an older answer arriving late never lowers the minimum

        assertThat(writes.of("s1", "p")).isEqualTo(new SessionWrites.Written(3, 12));
        assertThat(writes.of("s1", "q")).isEqualTo(SessionWrites.Written.NONE);
        assertThat(writes.of("s2", "p")).isEqualTo(SessionWrites.Written.NONE);
    }

    @Test
    void theLeastRecentlyUsedPairsAreForgottenBeyondTheBound() {
        SessionWrites writes = new SessionWrites();
        writes.wrote("first", "p", 1, 1);
        for (int i = 0; i < SessionWrites.MAX_ENTRIES; i++) {
            writes.wrote("s" + i, "p", 1, 1);
        }
        assertThat(writes.of("first", "p")).isEqualTo(SessionWrites.Written.NONE);
        assertThat(writes.of("s" + (SessionWrites.MAX_ENTRIES - 1), "p").seq()).isEqualTo(1);
    }
}
