package fi.hel.callrec.access.rest;

import fi.hel.callrec.access.audit.Caller;
import fi.hel.callrec.commons.security.Staff;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request: its verified token and its client address. */
@RequestScoped
public class Callers {

    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    public Callers(SecurityIdentity identity, HttpServerRequest request) {
        this.identity = identity;
        this.request = request;
    }

    public Caller current() {
        return new Caller(Staff.of(identity), request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
    }
}
