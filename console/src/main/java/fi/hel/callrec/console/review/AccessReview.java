package fi.hel.callrec.console.review;

import fi.hel.callrec.console.services.AccessClient;
import fi.hel.callrec.console.services.CatalogClient;
import fi.hel.callrec.console.services.KeycloakAdminClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads who holds which callrec role from Keycloak (the realm grants access rights; the console
 * only reads them) and each person's last search and listening from the services' logs.
 */
@ApplicationScoped
public class AccessReview {

    /** The realm roles of callrec, in the order the review lists them. */
    static final List<String> ROLES = List.of("agent", "supervisor", "manager", "auditor", "admin", "recorder");
    private static final int PAGE = 100;
    /** The services answer for at most this many people in one request. */
    private static final int BATCH = 200;

    @Inject
    @RestClient
    KeycloakAdminClient keycloak;

    @Inject
    @RestClient
    CatalogClient catalog;

    @Inject
    @RestClient
    AccessClient access;

    public List<StaffMember> staff() {
        List<Map<String, Object>> people = new ArrayList<>();
        for (int first = 0; ; first += PAGE) {
            List<Map<String, Object>> page = keycloak.users(first, PAGE, true);
            people.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
        }
        Map<String, List<String>> rolesOf = new HashMap<>();
        for (Map<String, Object> person : people) {
            List<String> roles = keycloak.realmRoles((String) person.get("id")).stream()
                    .map(role -> (String) role.get("name")).filter(ROLES::contains)
                    .sorted(Comparator.comparingInt(ROLES::indexOf)).toList();
            if (!roles.isEmpty()) {
                rolesOf.put((String) person.get("username"), roles);
            }
        }
        List<String> usernames = rolesOf.keySet().stream().sorted().toList();
        Map<String, String> lastSearch = new HashMap<>();
        Map<String, String> lastListening = new HashMap<>();
        for (int from = 0; from < usernames.size(); from += BATCH) {
            List<String> batch = usernames.subList(from, Math.min(usernames.size(), from + BATCH));
            collect(catalog.lastActivity(batch), "lastSearchAt", lastSearch);
            collect(access.lastListening(batch), "lastListeningAt", lastListening);
        }
        List<StaffMember> staff = new ArrayList<>();
        for (Map<String, Object> person : people) {
            String username = (String) person.get("username");
            if (rolesOf.containsKey(username)) {
                staff.add(new StaffMember(username, nameOf(person), !Boolean.FALSE.equals(person.get("enabled")),
                        rolesOf.get(username), lastSearch.get(username), lastListening.get(username)));
            }
        }
        staff.sort(Comparator.comparing(StaffMember::username));
        return staff;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> answer, String field, Map<String, String> into) {
        for (Map<String, Object> user : (List<Map<String, Object>>) answer.getOrDefault("users", List.of())) {
            Object at = user.get(field);
            if (at != null) {
                into.put((String) user.get("username"), at.toString());
            }
        }
    }

    private static String nameOf(Map<String, Object> person) {
        String first = (String) person.getOrDefault("firstName", "");
        String last = (String) person.getOrDefault("lastName", "");
        return (first + " " + last).strip();
    }
}
