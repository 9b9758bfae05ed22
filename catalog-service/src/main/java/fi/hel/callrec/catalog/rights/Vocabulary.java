package fi.hel.callrec.catalog.rights;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A closed vocabulary: in JSON and in the database each value is its name in lower case, '-' for
 * '_'. Each enum's {@code @Schema} lists the same values for the API document.
 */
public interface Vocabulary {

    String name();

    @JsonValue
    default String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
