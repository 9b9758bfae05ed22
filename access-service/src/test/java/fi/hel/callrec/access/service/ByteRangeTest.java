package fi.hel.callrec.access.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void the_three_forms_of_one_range() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 99)));
        assertThat(ByteRange.parse("bytes=500-", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(500, 999)));
        assertThat(ByteRange.parse("bytes=-100", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(900, 999)));
        assertThat(ByteRange.parse("Bytes = 1 - 2", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(1, 2)));
    }

    @Test
    void ends_past_the_object_are_cut_to_it() {
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(990, 999)));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(0, 999)));
    }

    @Test
    void ranges_outside_the_object_are_unsatisfiable() {
        assertThat(ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void what_cannot_be_used_is_ignored() {
        for (String header : new String[] {null, "", "bytes=", "bytes=-", "bytes=9-1", "items=0-1", "bytes=0-1,3-4", "bytes=x-"}) {
            assertThat(ByteRange.parse(header, 1000)).as(String.valueOf(header)).isInstanceOf(ByteRange.Whole.class);
        }
    }

    @Test
    void content_range_names_the_range_and_the_size() {
        assertThat(new ByteRange(0, 99).contentRange(1000)).isEqualTo("bytes 0-99/1000");
        assertThat(new ByteRange(0, 99).length()).isEqualTo(100);
    }
}
