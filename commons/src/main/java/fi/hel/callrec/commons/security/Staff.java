package fi.hel.callrec.commons.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.json.JsonString;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.lang3.StringUtils;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A staff member as the verified token says, and the one rule of whose calls they may see and
 * hear: supervisors and managers all; an agent only those of their own extension (the token's
 * {@code agent_id}), and none without that claim.
 *
 * @param subject  the token's {@code sub} (the principal's name without a token)
 * @param username {@code preferred_username} (the principal's name without a token)
 * @param roles    realm roles
 * @param agentId  the {@code agent_id} claim, or null
 */
public record Staff(String subject, String username, Set<String> roles, String agentId) {

    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String MANAGER = "manager";

    public Staff {
        roles = Set.copyOf(roles);
        agentId = StringUtils.stripToNull(agentId);
    }

    public static Staff of(SecurityIdentity identity) {
        String name = identity.getPrincipal().getName();
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return new Staff(name, name, identity.getRoles(), null);
        }
        // The claim comes as a string or a number depending on the mapper; it is compared as text.
        Object claim = jwt.getClaim("agent_id");
        String agentId = claim instanceof JsonString s ? s.getString() : claim == null ? null : claim.toString();
        String username = jwt.getClaim("preferred_username");
        return new Staff(jwt.getSubject() != null ? jwt.getSubject() : name,
                username != null ? username : name, identity.getRoles(), agentId);
    }

    public boolean seesAll() {
        return roles.contains(SUPERVISOR) || roles.contains(MANAGER);
    }

    /** The only extension whose calls this person may see, or null when they see all (or none). */
    public String onlyExtension() {
        return seesAll() ? null : agentId;
    }

    /** An agent without an extension, or someone in none of the three roles. */
    public boolean seesNothing() {
        return !seesAll() && (agentId == null || !roles.contains(AGENT));
    }

    /** Whether this person may see and hear a call taken at {@code extension}. */
    public boolean mayHear(String extension) {
        return seesAll() || !seesNothing() && agentId.equals(extension);
    }

    /** Roles as written to audit logs: sorted, so the same person hashes the same. */
    public String rolesText() {
        return String.join(",", new TreeSet<>(roles));
    }
}
