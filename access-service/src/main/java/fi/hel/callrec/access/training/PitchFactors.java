package fi.hel.callrec.access.training;

import java.util.random.RandomGenerator;

/**
 * Draws a copy's pitch factor: lower or higher with equal chance, then uniformly (on a log scale,
 * as pitch is heard) between the least change and the configured limit on that side. Never 1.
 */
public final class PitchFactors {

    private PitchFactors() {
    }

    public static double draw(RandomGenerator random, double min, double max, double leastChange) {
        double up = Math.log1p(leastChange);
        if (!(min > 0 && min < 1 / (1 + leastChange) && max > 1 + leastChange && leastChange > 0)) {
            throw new IllegalArgumentException("pitch factors need 0 < min < 1/(1 + least change) and max > 1 + least change;"
                    + " configured min " + min + ", max " + max + ", least change " + leastChange);
        }
        boolean higher = random.nextBoolean();
        double limit = higher ? Math.log(max) : -Math.log(min);
        double magnitude = up + random.nextDouble() * (limit - up);
        return Math.exp(higher ? magnitude : -magnitude);
    }
}
