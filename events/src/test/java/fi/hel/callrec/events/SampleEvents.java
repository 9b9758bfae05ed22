package fi.hel.callrec.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Fully populated events for the tests; every optional field set unless the method says otherwise. */
final class SampleEvents {

    static final UUID RECORDING_ID = UUID.fromString("0b7e8c1e-5d0a-4c56-9a55-2f3f1d6c2a11");
    static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private SampleEvents() {
    }

    /** A call across the switch to summer time in Helsinki: start and end have different offsets. */
    static CallRecorded callRecorded() {
        return CallRecorded.of(RECORDING_ID, "pbx-20260329-000123", "callrec-recordings",
                "recordings/2026/03/29/" + RECORDING_ID + ".wav", SHA256, 1_234_567L,
                new AudioFormat(AudioFormat.ALAW, 8000, 1, 8, 4_300_000L),
                OffsetDateTime.parse("2026-03-29T02:58:00+02:00"),
                OffsetDateTime.parse("2026-03-29T04:09:40+03:00"),
                "+358401234567", "4711", ServiceLine.PARKING_PERMITS.code(),
                new CallerProvided("Matti Meikäläinen", "Mannerheimintie 1, Helsinki", "ABC-123", "matti@example.fi"),
                "Asked about the billing of a resident permit.", true,
                List.of(CallFlags.DURATION_MISMATCH));
    }

    static CallRecorded anonymousCall() {
        return CallRecorded.of(RECORDING_ID, "pbx-20260401-000007", "callrec-recordings",
                "recordings/2026/04/01/" + RECORDING_ID + ".wav", SHA256, 96_044L,
                new AudioFormat(AudioFormat.PCM, 16000, 2, 16, 1_500L),
                OffsetDateTime.parse("2026-04-01T09:00:00+03:00"),
                OffsetDateTime.parse("2026-04-01T09:00:01.500+03:00"),
                "anonymous", "4712", ServiceLine.FEEDBACK.code(),
                null, null, false, List.of(CallFlags.NO_ANNOUNCEMENT));
    }

    static RecordingHoldChanged holdPlaced() {
        return RecordingHoldChanged.placed(RECORDING_ID, HoldReasons.ACCIDENT, "POL-2026-4411",
                "Fall on an icy pavement reported in the call.", "supervisor1",
                Instant.parse("2026-04-02T07:15:00Z"));
    }

    static RecordingHoldChanged holdReleased() {
        return RecordingHoldChanged.released(RECORDING_ID, "Case closed", null, "manager1",
                Instant.parse("2026-06-30T12:00:00Z"));
    }

    static RecordingDeleted deletedByRetention() {
        return RecordingDeleted.of(RECORDING_ID, "recordings/2026/03/29/" + RECORDING_ID + ".wav",
                DeletionReasons.RETENTION, Instant.parse("2026-09-29T00:00:00Z"),
                Instant.parse("2026-09-29T01:02:03.456789Z"));
    }

    static RecordingDeleted deletedOnErasure() {
        return RecordingDeleted.of(RECORDING_ID, "recordings/2026/03/29/" + RECORDING_ID + ".wav",
                DeletionReasons.ERASURE, null, Instant.parse("2026-05-05T10:00:00Z"));
    }

    static TrainingCopyMade trainingCopyMade() {
        return TrainingCopyMade.of(RECORDING_ID, UUID.fromString("6f1c2a1e-0b7d-4c55-9a51-3f0e8d2b9c47"), "recordings",
                Instant.parse("2026-04-03T08:00:00Z"));
    }

    /** One fully populated event per event class, for tests that go through all of them. */
    static List<CallrecEvent> allFullyPopulated() {
        return List.of(callRecorded(), holdPlaced(), deletedByRetention(), trainingCopyMade());
    }
}
