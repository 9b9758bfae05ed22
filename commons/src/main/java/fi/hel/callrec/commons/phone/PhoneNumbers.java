package fi.hel.callrec.commons.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Set;

/**
 * One spelling for every caller number, so that "040 123 4567", "+358 40 1234567" and
 * "00358401234567" are the same caller at ingest and in searches. Numbers without a country code
 * are Finnish: the department's callers dial from Finland.
 */
public final class PhoneNumbers {

    /** How a call without caller id (withheld, private, unknown) is stored. */
    public static final String ANONYMOUS = "anonymous";

    private static final Set<String> WITHHELD = Set.of(
            "anonymous", "withheld", "private", "unknown", "restricted", "unavailable",
            "salainen", "tuntematon");
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "FI";

    private PhoneNumbers() {
    }

    /**
     * The E.164 form of a number, or {@link #ANONYMOUS} for a withheld one.
     *
     * @throws IllegalArgumentException with a message fit for a client when it is no phone number
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("a caller number is required (or \"anonymous\" when withheld)");
        }
        String trimmed = raw.strip();
        if (WITHHELD.contains(trimmed.toLowerCase(Locale.ROOT))) {
            return ANONYMOUS;
        }
        if (!trimmed.matches("[+0-9 ()./-]{3,32}")) {
            throw new IllegalArgumentException("'" + shorten(trimmed) + "' is not a phone number");
        }
        try {
            PhoneNumber number = UTIL.parse(trimmed, DEFAULT_REGION);
            if (!UTIL.isPossibleNumber(number)) {
                throw new IllegalArgumentException("'" + shorten(trimmed) + "' is not a possible phone number");
            }
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + shorten(trimmed) + "' is not a phone number: " + e.getMessage());
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
