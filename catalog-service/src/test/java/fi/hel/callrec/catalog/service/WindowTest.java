package fi.hel.callrec.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WindowTest {

    private static final long WEEK = 7 * 24 * 3600L;
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void weeks_count_from_the_epoch_as_the_database_counts_them() {
        assertThat(CallSearch.Window.week(Instant.EPOCH)).isZero();
        assertThat(CallSearch.Window.week(Instant.ofEpochSecond(WEEK - 1))).isZero();
        assertThat(CallSearch.Window.week(Instant.ofEpochSecond(WEEK))).isEqualTo(1);
        assertThat(CallSearch.Window.week(Instant.ofEpochSecond(-1))).isEqualTo(-1);
    }

    @Test
    void without_an_upper_bound_the_weeks_reach_past_now_and_later_calls_are_guarded_against() {
        long week = CallSearch.Window.week(NOW);
        CallSearch.Window w = CallSearch.Window.of(CallFilters.none(), null, NOW);
        assertThat(w.last()).isEqualTo(week + 1);
        assertThat(w.first()).isEqualTo(week + 1 - CallSearch.RECENT_WEEKS);
        assertThat(w.guardFrom()).isEqualTo(Instant.ofEpochSecond((week + 2) * WEEK));
        assertThat(w.tsquery()).startsWith("'~w" + w.first() + "' | ").endsWith(" | '~w" + w.last() + "'");
    }

    @Test
    void the_cursor_or_to_whichever_is_earlier_bounds_the_weeks_and_needs_no_guard() {
        Instant cursorAt = NOW.minusSeconds(40 * 24 * 3600L);
        Cursor cursor = new Cursor(cursorAt, UUID.randomUUID());
        CallSearch.Window w = CallSearch.Window.of(CallFilters.none(), cursor, NOW);
        assertThat(w.last()).isEqualTo(CallSearch.Window.week(cursorAt));
        assertThat(w.first()).isEqualTo(w.last() - CallSearch.RECENT_WEEKS + 1);
        assertThat(w.guardFrom()).isNull();

        Instant to = NOW.minusSeconds(90 * 24 * 3600L);
        CallFilters until = new CallFilters(null, to, null, null, null, null, null, null, null, null, null);
        assertThat(CallSearch.Window.of(until, cursor, NOW).last()).isEqualTo(CallSearch.Window.week(to));
        assertThat(CallSearch.Window.of(until, null, NOW).last()).isEqualTo(CallSearch.Window.week(to));
    }
}
