package fi.hel.callrec.console.review;

import fi.hel.callrec.console.view.Formats;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One person of the realm with a callrec role, and when the services' own logs last saw them
 * search (catalog-service) and listen (access-service).
 */
public record StaffMember(String username, String name, boolean enabled, List<String> roles, String lastSearchAt,
                          String lastListeningAt) {

    private static final String HEADER = "username,name,enabled,roles,last_search,last_listening\r\n";

    /** RFC 4180 CSV, times in Helsinki time with the offset, as on the screen. */
    public static String csv(List<StaffMember> staff) {
        return HEADER + staff.stream().map(s -> String.join(",", cell(s.username), cell(s.name),
                        Boolean.toString(s.enabled), cell(String.join(" ", s.roles)), cell(Formats.time(s.lastSearchAt)),
                        cell(Formats.time(s.lastListeningAt))))
                .collect(Collectors.joining("\r\n", "", staff.isEmpty() ? "" : "\r\n"));
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        // A leading =, +, - or @ would be read as a formula by a spreadsheet.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.matches(".*[\",\r\n].*") || !safe.equals(value) ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
