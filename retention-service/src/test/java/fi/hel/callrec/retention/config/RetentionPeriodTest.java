package fi.hel.callrec.retention.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetentionPeriodTest {

    @ParameterizedTest
    @ValueSource(strings = {"P6M", "p6m", "P5M", "PT5S", "P181D", "P5MT12H", "P1D", "PT0.5S", "P25W"})
    void accepts_periods_of_at_most_six_months(String text) {
        assertThat(RetentionPeriod.parse(text)).hasToString(text.toUpperCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"P7M", "P1Y", "P6MT1S", "P6M1D", "P182D", "P5M30D", "P27W", "PT4400H"})
    void refuses_periods_longer_than_six_months_from_any_start_day(String text) {
        assertThatThrownBy(() -> RetentionPeriod.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than the register's maximum of six months");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "6M", "P", "PT", "six months", "P-1M", "PT-5S", "P0D", "PT0S"})
    void refuses_what_is_not_a_positive_period(String text) {
        assertThatThrownBy(() -> RetentionPeriod.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void due_is_call_start_plus_retention_counted_in_utc() {
        OffsetDateTime start = OffsetDateTime.of(2026, 8, 31, 23, 30, 0, 0, ZoneOffset.ofHours(3));
        // 2026-08-31T20:30Z + 6 months: the end of February, not March.
        assertThat(RetentionPeriod.parse("P6M").dueAt(start)).isEqualTo(Instant.parse("2027-02-28T20:30:00Z"));
        assertThat(RetentionPeriod.parse("PT5S").dueAt(start)).isEqualTo(Instant.parse("2026-08-31T20:30:05Z"));
    }
}
