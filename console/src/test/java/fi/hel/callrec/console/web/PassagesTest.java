package fi.hel.callrec.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassagesTest {

    @Test
    void seconds_and_minutes_as_the_player_shows_them() throws Exception {
        assertThat(Passages.parse("12.5-15\n\n1:02 – 1:04,5\r\n 0-0:01 ")).containsExactly(
                Map.of("start", 12.5, "end", 15.0), Map.of("start", 62.0, "end", 64.5), Map.of("start", 0.0, "end", 1.0));
        assertThat(Passages.parse("")).isEmpty();
        assertThat(Passages.parse(null)).isEmpty();
    }

    @Test
    void a_line_that_is_not_a_passage_is_named_by_its_number() {
        for (String text : List.of("12.5", "1-2\nabout ten seconds in", "1-2-3", "-1-2")) {
            assertThatThrownBy(() -> Passages.parse(text)).isInstanceOf(Passages.NotAPassage.class);
        }
        assertThatThrownBy(() -> Passages.parse("1-2\n\nten-twelve"))
                .satisfies(e -> assertThat(((Passages.NotAPassage) e).line).isEqualTo(3));
    }
}
