package io.devstate.common;

/** HTTP 413: Payload too large. */
public final class PayloadTooLarge extends DevStateException {

    public PayloadTooLarge(String detail) {
        super(413, "payload-too-large", "Payload too large", detail);
    }
}
