package fi.hel.callrec.training.audio;

/**
 * The steady tone that replaces a marked span: a sine of 1 kHz (a quarter of the sample rate below
 * 4 kHz) at −20 dBFS, starting at phase 0 at the span's first frame. A tone rather than silence, so
 * that a listener hears that something was removed.
 */
final class Tone {

    /** Peak amplitude on the 16-bit scale: 0.1 of full scale, −20 dBFS. */
    static final double AMPLITUDE = 3276.7;

    private final double cyclesPerFrame;

    Tone(int sampleRateHz) {
        this.cyclesPerFrame = frequencyHz(sampleRateHz) / sampleRateHz;
    }

    static double frequencyHz(int sampleRateHz) {
        return Math.min(1000.0, sampleRateHz / 4.0);
    }

    /** The tone's sample {@code k} frames after the start of its span. */
    short sample(long k) {
        double cycles = k * cyclesPerFrame;
        cycles -= Math.floor(cycles);
        return (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * cycles));
    }
}
