package io.devstate.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.devstate.common.Json;

class StateViewsTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final StateViews views = new StateViews(mapper);

    private static StoredState state(long version) {
        return new StoredState("p", Json.parse("{\"current_cp\":\"CP" + version + "-LC\"}", "doc"), "sha256:" + version,
                version, "2026-12-02T00:00:00.000000Z");
    }

    @Test
    void aStateIsRenderedOnceAndAsTheMapperWritesItsView() throws Exception {
        StoredState first = state(1);

        byte[] json = views.json(first);

        assertThat(views.json(first)).isSameAs(json);
        assertThat(json).isEqualTo(mapper.writeValueAsBytes(StateView.of(first)));
        assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith("{\"project\":\"p\",\"json\":{\"current_cp\":\"CP1-LC\"},\"checksum\":\"sha256:1\"");
    }

    @Test
    void anotherStateInstanceIsRenderedAnewEvenWithEqualContent() {
        byte[] old = views.json(state(1));

        byte[] changed = views.json(state(2));
        byte[] reread = views.json(state(2));

        assertThat(new String(changed, StandardCharsets.UTF_8)).contains("\"version\":2");
        assertThat(reread).isNotSameAs(changed).isEqualTo(changed);
        assertThat(old).isNotEqualTo(changed);
    }
}
