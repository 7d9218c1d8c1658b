package io.devstate.common;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.devstate.config.DevStateConfig;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Bounds what request bodies may contain: nesting depth (deep metadata is refused with a 400, it
 * never reaches a recursive walk) and string length (no longer than the largest accepted body).
 */
@Singleton
public class RequestJsonLimits implements ObjectMapperCustomizer {

    public static final int MAX_NESTING_DEPTH = 32;

    private final long maxImportBytes;

    public RequestJsonLimits(DevStateConfig config) {
        this.maxImportBytes = config.http().maxImportBytes();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxImportBytes))
                .build());
        // A value of the wrong JSON type is a 400, not silently converted ("60" or 1.5 as ttl_sec,
        // true as an actor).
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
