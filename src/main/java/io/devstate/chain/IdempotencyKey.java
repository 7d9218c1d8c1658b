package io.devstate.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.devstate.common.BadRequest;
import io.devstate.common.HeaderNames;
import io.devstate.common.Json;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's {@code Idempotency-Key} and the fingerprint of the request it came with: the same key
 * with another request (body, conditions, principal) must not replay the first one's result.
 */
public record IdempotencyKey(String key, String fingerprint) {

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,255}");

    /**
     * Empty when the header is absent; a 400 naming the header when it is not 1 to 255 printable
     * ASCII characters. {@code request} is every input that decides the write, canonicalised.
     */
    public static Optional<IdempotencyKey> of(String header, ObjectNode request) {
        if (header == null) {
            return Optional.empty();
        }
        if (!VALID.matcher(header).matches()) {
            throw new BadRequest(HeaderNames.IDEMPOTENCY_KEY + " must be 1 to 255 printable ASCII characters")
                    .with("field", HeaderNames.IDEMPOTENCY_KEY);
        }
        return Optional.of(new IdempotencyKey(header, Json.checksum(request)));
    }
}
