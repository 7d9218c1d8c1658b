package io.devstate.events;

/** A subscriber that fell too far behind the feed's tail: its stream ends (a project's subscriber may resume with Last-Event-ID). */
final class SlowSubscriber extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SlowSubscriber(String project, long behind, int allowance) {
        this("the subscriber of " + project + " is " + behind + " entries behind (more than " + allowance
                + ", DEVSTATE_EVENTS_MAX_BUFFERED): disconnected; resume with Last-Event-ID");
    }

    private SlowSubscriber(String message) {
        super(message, null, false, false);
    }

    /** Of the feed of every project, which has nothing to resume from. */
    static SlowSubscriber ofEveryProject(long behind, int allowance) {
        return new SlowSubscriber("the subscriber of every project is " + behind + " events behind (more than "
                + allowance + ", DEVSTATE_EVENTS_MAX_BUFFERED): disconnected; the feed of every project is live "
                + "only, GET /v1/devstate/projects has each project's head");
    }
}
