package io.devstate.events;

/** A subscriber that fell too far behind the feed's tail: its stream ends, it may resume with Last-Event-ID. */
final class SlowSubscriber extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SlowSubscriber(String project, long behind, int allowance) {
        super("the subscriber of " + project + " is " + behind + " entries behind (more than " + allowance
                + ", DEVSTATE_EVENTS_MAX_BUFFERED): disconnected; resume with Last-Event-ID", null, false, false);
    }
}
