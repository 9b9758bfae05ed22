package fi.hel.callrec.catalog.service;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

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

    /** The viewer behind a request: its user name, roles and, from a token, the agent_id claim. */
    public static Viewer of(SecurityIdentity identity) {
        String agentId = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim("agent_id");
            if (claim instanceof JsonString s) {
                agentId = s.getString();
            } else if (claim != null) {
                agentId = claim.toString();
            }
        }
        return new Viewer(identity.getPrincipal().getName(), identity.getRoles(), agentId);
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
