package fi.hel.callrec.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchKeysTest {

    @Test
    void names_lose_case_and_accents() {
        assertThat(SearchKeys.text("Hämäläinen")).isEqualTo("hamalainen");
        assertThat(SearchKeys.text("  ÅSTRÖM-Öhman ")).isEqualTo("astrom-ohman");
        assertThat(SearchKeys.text("José Müller")).isEqualTo("jose muller");
        assertThat(SearchKeys.text(" ")).isNull();
        assertThat(SearchKeys.text(null)).isNull();
    }

    @Test
    void plates_lose_separators_and_case() {
        assertThat(SearchKeys.plate("ABC-123")).isEqualTo("ABC123");
        assertThat(SearchKeys.plate("abc123")).isEqualTo("ABC123");
        assertThat(SearchKeys.plate("ABC 123")).isEqualTo("ABC123");
        assertThat(SearchKeys.plate(" a.b c-1 2 3 ")).isEqualTo("ABC123");
        assertThat(SearchKeys.plate("--")).isNull();
    }

    @Test
    void word_queries_are_exact_prefix_lexemes_of_letters_and_digits_only() {
        assertThat(SearchKeys.wordQuery("Hämäläinen Matti")).isEqualTo("'hamalainen' & 'matti'");
        // tsquery operators and quotes cannot reach the database.
        assertThat(SearchKeys.wordQuery("a' | !b & (c) :*")).isEqualTo("'a' & 'b' & 'c'");
        assertThat(SearchKeys.wordQuery("!!! ")).isEmpty();
        // Repeated words and words that start another word asked for change nothing and are left out.
        assertThat(SearchKeys.wordQuery("Report report")).isEqualTo("'report'");
        assertThat(SearchKeys.wordQuery("park Parking maija")).isEqualTo("'parking' & 'maija'");
        assertThat(SearchKeys.wordQuery("parking park")).isEqualTo("'parking'");
        // The database keeps prefixes up to PREFIX_LIMIT letters; longer words are cut alike.
        String longWord = "ä".repeat(SearchKeys.PREFIX_LIMIT + 10);
        assertThat(SearchKeys.wordQuery(longWord)).isEqualTo("'" + "a".repeat(SearchKeys.PREFIX_LIMIT) + "'");
    }
}
