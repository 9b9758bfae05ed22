package fi.hel.callrec.events;

/**
 * Kafka topic names and settings. Every event topic is keyed by recordingId
 * ({@link CallrecEvent#kafkaKey()}).
 */
public final class Topics {

    public static final String CALL_RECORDED = "call-recorded";
    public static final String RECORDING_HOLD_CHANGED = "recording-hold-changed";
    public static final String RECORDING_DELETED = "recording-deleted";
    public static final String TRAINING_COPY_MADE = "training-copy-made";

    /** Dead-letter topics, one per consuming service, so each service owns and replays its own failures. */
    public static final String CATALOG_DLQ = "catalog-service.dlq";
    public static final String ACCESS_DLQ = "access-service.dlq";
    public static final String RETENTION_DLQ = "retention-service.dlq";

    /**
     * retention.ms of every topic here: 7 days. The topics carry personal data, and Kafka must not
     * keep it anywhere near the six-month limit that applies to the recordings themselves.
     */
    public static final long PERSONAL_DATA_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;

    /** Partitions of each event topic; the key spreads recordings over them. */
    public static final int EVENT_TOPIC_PARTITIONS = 6;

    /** Partitions of each dead-letter topic; failures are rare, and order across them does not matter. */
    public static final int DLQ_PARTITIONS = 3;

    private Topics() {
    }

    /** The topic an event is published to. */
    public static String topicOf(CallrecEvent event) {
        if (event instanceof CallRecorded) {
            return CALL_RECORDED;
        }
        if (event instanceof RecordingHoldChanged) {
            return RECORDING_HOLD_CHANGED;
        }
        if (event instanceof RecordingDeleted) {
            return RECORDING_DELETED;
        }
        if (event instanceof TrainingCopyMade) {
            return TRAINING_COPY_MADE;
        }
        throw new IllegalArgumentException("no topic for " + event);
    }
}
