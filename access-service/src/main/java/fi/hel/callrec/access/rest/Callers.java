package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.service.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads the caller of the current request from its verified token. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final HttpServerRequest request;

    public Callers(SecurityIdentity identity, JsonWebToken token, HttpServerRequest request) {
        this.identity = identity;
        this.token = token;
        this.request = request;
    }

    public Caller current() {
        Object agentId = token.getClaim("agent_id");
        String subject = token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName();
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        // A claim may come as a string or a number depending on the mapper; the extension is compared as text.
        String agent = agentId == null ? null : agentId.toString().replace("\"", "");
        return new Caller(subject, token.getClaim("preferred_username"), identity.getRoles(), agent, address);
    }
}
