package fi.hel.callrec.catalog.service;

import java.util.Set;

/**
 * Who is asking, as far as the catalog's rules care: supervisors and managers see every call;
 * an agent sees the calls of their own extension (the token's {@code agent_id}) and, without that
 * claim, none.
 */
public record Viewer(String username, Set<String> roles, String agentId) {

    public static final Set<String> SEE_ALL = Set.of("supervisor", "manager");

    public Viewer {
        roles = Set.copyOf(roles);
        agentId = agentId == null || agentId.isBlank() ? null : agentId.strip();
    }

    public boolean seesAll() {
        return roles.stream().anyMatch(SEE_ALL::contains);
    }

    /** The only extension whose calls this viewer may see, or null when there is no such limit. */
    public String onlyExtension() {
        return seesAll() ? null : agentId;
    }

    /** True when the viewer may see no call at all (an agent whose token has no agent_id). */
    public boolean seesNothing() {
        return !seesAll() && (agentId == null || !roles.contains("agent"));
    }
}
