package fi.hel.callrec.catalog.service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one normalisation of searchable text, applied both to what is indexed and to what is
 * searched for, so that they cannot drift apart. Done here rather than with PostgreSQL's
 * {@code unaccent} so the schema needs no extension and the rules are unit-testable.
 */
public final class SearchKeys {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_PLATE = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** The longest word prefix the database keeps (migration V4, {@code word_prefixes}). */
    public static final int PREFIX_LIMIT = 64;

    private SearchKeys() {
    }

    /** Lower case without accents: "Hämäläinen" and "HAMALAINEN" give "hamalainen". Null stays null. */
    public static String text(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT).strip();
    }

    /** A plate without separators, upper case: "abc-123", "ABC 123" and "abc123" give "ABC123". */
    public static String plate(String value) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        String key = NOT_PLATE.matcher(text).replaceAll("").toUpperCase(Locale.ROOT);
        return key.isEmpty() ? null : key;
    }

    /**
     * A {@code tsquery} over a row's word prefixes finding rows with a word starting with each word
     * of the input, in any order; empty when the input has no word. Each word is an exact lexeme
     * (at most {@link #PREFIX_LIMIT} letters); one repeated, or starting another, is left out. Only
     * letters and digits reach the query, so its operators cannot be injected.
     */
    public static String wordQuery(String value) {
        String text = text(value);
        if (text == null) {
            return "";
        }
        Set<String> words = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group();
            if (word.codePointCount(0, word.length()) > PREFIX_LIMIT) {
                word = word.substring(0, word.offsetByCodePoints(0, PREFIX_LIMIT));
            }
            words.add(word);
        }
        // Left in, such a word makes the planner misjudge the search (docs/decisions/0030-catalog-search-and-indexing.md).
        List<String> terms = new ArrayList<>();
        for (String word : words) {
            if (words.stream().noneMatch(other -> other.length() > word.length() && other.startsWith(word))) {
                terms.add("'" + word + "'");
            }
        }
        return String.join(" & ", terms);
    }
}
