package io.devstate.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.devstate.common.Utf8;
import io.devstate.config.DevStateConfig;
import io.quarkus.jackson.ObjectMapperCustomizer;

import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;

/**
 * Bounds and checks what request bodies may contain: nesting depth (deep metadata is refused with a 400, it
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
    // JsonFactory.setInputDecorator is deprecated in favour of building a new factory, but Quarkus
    // hands us the mapper with its factory made; replacing it would drop the other customizers' work.
    @SuppressWarnings("deprecation")
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxImportBytes))
                .build());
        // What a body says is stored and signed as it is, or refused (400): no second document
        // after the first, no member given twice (which value would count?), only well-formed UTF-8.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.getFactory().setInputDecorator(new StrictUtf8Input());
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

    /** Request bytes go to the JSON parser through {@link Utf8#validating}. */
    static final class StrictUtf8Input extends InputDecorator {
        private static final long serialVersionUID = 1L;

        @Override
        public InputStream decorate(IOContext context, InputStream in) {
            return Utf8.validating(in);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] src, int offset, int length) {
            return Utf8.validating(new ByteArrayInputStream(src, offset, length));
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) {
            return reader; // already characters: decoded by whoever made the reader
        }
    }
}
