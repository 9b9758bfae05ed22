package fi.hel.callrec.commons.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"040 123 4567", "0401234567", "+358 40 123 4567", "+358401234567",
            "00358401234567", "040-123 4567", "(040) 1234567", " +358 (0)40 123 4567 "})
    void every_spelling_of_a_mobile_number_is_one_number(String spelling) {
        assertThat(PhoneNumbers.normalize(spelling)).isEqualTo("+358401234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"09 310 1234", "+358 9 3101234", "0931012 34"})
    void helsinki_landline(String spelling) {
        assertThat(PhoneNumbers.normalize(spelling)).isEqualTo("+35893101234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+46 8 123 456 78", "0046812345678"})
    void foreign_numbers_keep_their_country(String spelling) {
        assertThat(PhoneNumbers.normalize(spelling)).isEqualTo("+46812345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "Withheld", "PRIVATE", "salainen"})
    void withheld_numbers_are_anonymous(String spelling) {
        assertThat(PhoneNumbers.normalize(spelling)).isEqualTo(PhoneNumbers.ANONYMOUS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "abc", "12", "+358 40 123 4567 ext 5", "040;DROP TABLE", "+99912345"})
    void non_numbers_are_refused_with_a_reason(String spelling) {
        assertThatThrownBy(() -> PhoneNumbers.normalize(spelling))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(spelling.isBlank() ? "required" : "phone number");
    }
}
