package fi.hel.callrec.access.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class PitchFactorsTest {

    @Test
    void factors_lie_in_the_configured_range_both_sides_and_never_near_1() {
        SplittableRandom random = new SplittableRandom(7);
        List<Double> drawn = DoubleStream.generate(() -> PitchFactors.draw(random, 0.80, 1.25, 0.08)).limit(10_000).boxed().toList();

        assertThat(drawn).allSatisfy(f -> assertThat(f).isBetween(0.80, 1.25)
                .satisfies(x -> assertThat(x >= 1.08 || x <= 1 / 1.08).as("at least 8 %% from 1: %s", x).isTrue()));
        assertThat(drawn).filteredOn(f -> f < 1).hasSizeBetween(4_500, 5_500);
        assertThat(drawn.stream().distinct().count()).isGreaterThan(9_900);
    }

    @Test
    void a_range_that_leaves_no_room_is_refused_saying_why() {
        assertThatThrownBy(() -> PitchFactors.draw(new SplittableRandom(1), 0.95, 1.25, 0.08))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min 0.95");
    }
}
