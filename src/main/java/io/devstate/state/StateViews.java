package io.devstate.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@link StateView} JSON of each project's current state, rendered once per state instead of
 * once per request: a cached state is read thousands of times a second, and serialising the same
 * document again was a tenth of the service's CPU under that load. Keyed by the {@link StoredState}
 * instance, so no invalidation is needed: a changed state is another instance (the
 * {@link StateCache} replaces it), and a state read from the database is rendered anew.
 */
@ApplicationScoped
public class StateViews {

    private record Rendered(StoredState state, byte[] json) {
    }

    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;

    /** The REST layer's mapper, so the bytes are exactly what returning the view would give. */
    public StateViews(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public byte[] json(StoredState state) {
        Rendered last = rendered.get(state.project());
        if (last != null && last.state() == state) {
            return last.json();
        }
        byte[] json = render(state);
        rendered.put(state.project(), new Rendered(state, json));
        return json;
    }

    private byte[] render(StoredState state) {
        try {
            return mapper.writeValueAsBytes(StateView.of(state));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored state always serialises", e);
        }
    }
}
