package fi.hel.callrec.events;

/**
 * Headers on a record in a dead-letter topic. The names are those the SmallRye Kafka connector's
 * {@code dead-letter-queue} failure strategy writes, so records sent by it and by hand look alike.
 */
public final class DeadLetterHeaders {

    /** Message of the exception that made the consumer give up. */
    public static final String REASON = "dead-letter-reason";
    /** Message of that exception's cause, when it has one. */
    public static final String CAUSE = "dead-letter-cause";
    /** Class name of the exception. */
    public static final String EXCEPTION_CLASS_NAME = "dead-letter-exception-class-name";
    /** Class name of the cause. */
    public static final String CAUSE_CLASS_NAME = "dead-letter-cause-class-name";
    /** Topic, partition and offset of the original record, to find or replay it. */
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }
}
