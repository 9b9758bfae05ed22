package fi.hel.callrec.console.web;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The search form, with every filter catalog-service has. It is posted, never put in a URL: its
 * values (numbers, names, plates) are caller data. Empty fields filter nothing.
 */
public class SearchForm {

    @RestForm public String from;
    @RestForm public String to;
    @RestForm public String callerNumber;
    @RestForm public String agentExtension;
    @RestForm public String plate;
    @RestForm public String name;
    @RestForm public String notes;
    @RestForm public String serviceLine;
    @RestForm public String held;
    @RestForm public String flagged;
    @RestForm public List<String> flag;
    @RestForm public String cursor;

    /** The filters as catalog-service's query parameters, without paging. */
    public MultivaluedMap<String, String> filters() {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        put(query, "from", from);
        put(query, "to", to);
        put(query, "callerNumber", callerNumber);
        put(query, "agentExtension", agentExtension);
        put(query, "plate", plate);
        put(query, "name", name);
        put(query, "notes", notes);
        put(query, "serviceLine", serviceLine);
        put(query, "held", held);
        put(query, "flagged", flagged);
        if (flag != null) {
            flag.forEach(f -> put(query, "flag", f));
        }
        return query;
    }

    /** The filters and one page from the cursor on. */
    public MultivaluedMap<String, String> page(int limit) {
        MultivaluedMap<String, String> query = filters();
        put(query, "cursor", cursor);
        query.putSingle("limit", Integer.toString(limit));
        return query;
    }

    public boolean hasFlag(String code) {
        return flag != null && flag.contains(code);
    }

    private static void put(MultivaluedMap<String, String> query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.add(name, value.strip());
        }
    }
}
