package fi.hel.callrec.events;

/**
 * Values for {@link CallRecorded#flags()}. Flags are Strings on the wire so that a producer may add
 * a flag that older consumers pass through without understanding it.
 */
public final class CallFlags {

    /** The platform reported that the recording announcement was not played to the caller. */
    public static final String NO_ANNOUNCEMENT = "no-announcement";

    /** The audio length differs noticeably from endedAt - startedAt reported by the platform. */
    public static final String DURATION_MISMATCH = "duration-mismatch";

    private CallFlags() {
    }
}
