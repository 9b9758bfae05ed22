package fi.hel.callrec.events;

/** Values for {@link RecordingHoldChanged#reason()}: why a recording is kept past its retention. */
public final class HoldReasons {

    /** Requested by the police or needed for reporting a suspected crime. */
    public static final String CRIME = "crime";

    /** Needed to investigate an accident, for example an injury on a street or in a park. */
    public static final String ACCIDENT = "accident";

    private HoldReasons() {
    }
}
