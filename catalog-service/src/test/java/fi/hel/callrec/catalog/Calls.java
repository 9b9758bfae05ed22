package fi.hel.callrec.catalog;

import fi.hel.callrec.events.AudioFormat;
import fi.hel.callrec.events.CallRecorded;
import fi.hel.callrec.events.CallerProvided;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** call-recorded events for the tests: a plausible call, with what a test cares about changed. */
public final class Calls {

    private UUID recordingId = UUID.randomUUID();
    private OffsetDateTime startedAt = OffsetDateTime.parse("2026-03-02T09:15:00+02:00");
    private long seconds = 95;
    private String callerNumber = "+358401234567";
    private String agentExtension = "1001";
    private String serviceLine = "parking-permits";
    private String name;
    private String plate;
    private String notes;
    private final List<String> flags = new ArrayList<>();

    private Calls() {
    }

    public static Calls call() {
        return new Calls();
    }

    /** An extension no other test uses, so that a test's searches see only its own calls. */
    public static String uniqueExtension() {
        return "9" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    /** A word no other test uses, for name and notes searches. */
    public static String uniqueWord() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    public Calls id(UUID id) { this.recordingId = id; return this; }
    public Calls startedAt(OffsetDateTime at) { this.startedAt = at; return this; }
    public Calls caller(String number) { this.callerNumber = number; return this; }
    public Calls agent(String extension) { this.agentExtension = extension; return this; }
    public Calls line(String code) { this.serviceLine = code; return this; }
    public Calls name(String value) { this.name = value; return this; }
    public Calls plate(String value) { this.plate = value; return this; }
    public Calls notes(String value) { this.notes = value; return this; }
    public Calls flag(String value) { this.flags.add(value); return this; }

    public CallRecorded event() {
        CallerProvided provided = name == null && plate == null ? null
                : new CallerProvided(name, "Mannerheimintie 1", plate, null);
        return CallRecorded.of(recordingId, "pbx-" + recordingId, "recordings-test",
                "recordings/2026/03/02/" + recordingId + ".wav",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 1_520_044L,
                new AudioFormat(AudioFormat.ALAW, 8000, 1, 8, seconds * 1000), startedAt,
                startedAt.plusSeconds(seconds), callerNumber, agentExtension, serviceLine, provided, notes,
                !flags.contains("no-announcement"), flags);
    }
}
