package fi.hel.callrec.console.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies for the services, built from form fields: a blank field is left out, text is trimmed. */
final class Forms {

    private Forms() {
    }

    static Map<String, Object> body(String... namesAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                body.put(namesAndValues[i], value.strip());
            }
        }
        return body;
    }
}
