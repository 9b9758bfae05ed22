package fi.hel.callrec.catalog.rights;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** The words of the printed documents, from {@code documents/labels_fi.properties} and {@code labels_en.properties}. */
final class Labels {

    private static final Map<String, String> FI = load("fi");
    private static final Map<String, String> EN = load("en");

    private Labels() {
    }

    static Map<String, String> of(String lang) {
        return "en".equals(lang) ? EN : FI;
    }

    /** A service line's name; a code this version does not know is shown as it is. */
    static String serviceLine(String code, String lang) {
        return of(lang).getOrDefault("line." + code, code);
    }

    static String changeType(String type, String lang) {
        return of(lang).getOrDefault("change." + type, type);
    }

    private static Map<String, String> load(String lang) {
        try (Reader in = new InputStreamReader(
                Labels.class.getResourceAsStream("/documents/labels_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            Properties labels = new Properties();
            labels.load(in);
            return labels.stringPropertyNames().stream().collect(Collectors.toUnmodifiableMap(k -> k, labels::getProperty));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
