package io.devstate.common;

/**
 * The request headers DevState reads. Here rather than with the HTTP adapter because the
 * services name them in their refusals (a 412 says which header asked for too much).
 */
public final class HeaderNames {

    public static final String ACTOR = "DevState-Actor";
    public static final String METADATA = "DevState-Metadata";
    public static final String LOCK = "DevState-Lock";
    /** Read-your-writes: the lowest state version a read may return. */
    public static final String MIN_VERSION = "DevState-Min-Version";
    /** Read-your-writes: the highest history seq a read must include. */
    public static final String MIN_SEQ = "DevState-Min-Seq";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private HeaderNames() {
    }
}
