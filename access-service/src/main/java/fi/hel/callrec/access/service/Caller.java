package fi.hel.callrec.access.service;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who asks, as the verified token says.
 *
 * @param subject  the token's {@code sub}
 * @param username {@code preferred_username}, for people reading the audit log
 * @param roles    realm roles
 * @param agentId  the {@code agent_id} claim (the agent's extension), or null
 * @param address  the client's address as the HTTP layer sees it
 */
public record Caller(String subject, String username, Set<String> roles, String agentId, String address) {

    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String MANAGER = "manager";

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** Roles as written to the audit log: sorted, so the same caller hashes the same. */
    public String rolesText() {
        return String.join(",", new TreeSet<>(roles));
    }

    /** Whether this caller may listen to a recording taken by the agent at {@code agentExtension}. */
    public boolean mayListenTo(String agentExtension) {
        if (roles.contains(SUPERVISOR) || roles.contains(MANAGER)) {
            return true;
        }
        return roles.contains(AGENT) && agentId != null && agentId.equals(agentExtension);
    }
}
