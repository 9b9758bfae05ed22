package fi.hel.callrec.console.view;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in person as the pages see them: their name and which screens their roles can use.
 * This only chooses what to show; each service decides again from the token what it answers.
 */
@RequestScoped
@Named("me")
public class Me {

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public String name() {
        String name = idToken.getClaim("name");
        return name != null ? name : identity.getPrincipal().getName();
    }

    public String username() {
        String username = idToken.getClaim("preferred_username");
        return username != null ? username : identity.getPrincipal().getName();
    }

    public boolean isAgent() {
        return identity.hasRole("agent");
    }

    /** Agents, supervisors and the manager search calls and listen to them. */
    public boolean canSearch() {
        return identity.hasRole("agent") || identity.hasRole("supervisor") || identity.hasRole("manager");
    }

    /** Supervisors and the manager place and release holds. */
    public boolean canHold() {
        return identity.hasRole("supervisor") || identity.hasRole("manager");
    }

    public boolean isManager() {
        return identity.hasRole("manager");
    }

    public boolean canAudit() {
        return identity.hasRole("auditor") || identity.hasRole("manager");
    }

    public boolean isAdmin() {
        return identity.hasRole("admin");
    }
}
