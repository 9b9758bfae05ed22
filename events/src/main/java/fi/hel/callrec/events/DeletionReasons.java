package fi.hel.callrec.events;

/** Values for {@link RecordingDeleted#reason()}. */
public final class DeletionReasons {

    /** The retention period ended and no hold was in place. */
    public static final String RETENTION = "retention";

    /** The data subject's erasure request was granted. */
    public static final String ERASURE = "erasure";

    /** The catalog and the object store disagreed, and the orphan was removed. */
    public static final String RECONCILIATION = "reconciliation";

    private DeletionReasons() {
    }
}
