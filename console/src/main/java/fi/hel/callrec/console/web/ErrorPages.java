package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.ServiceException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error as a page in the person's language: a service's problem in its own sentence, a
 * screen the role cannot use, an unknown page, a service that does not answer. Never a stack trace.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @Inject
    @Location("error.html")
    Template page;

    @ServerExceptionMapper
    public Response service(ServiceException e) {
        // A service that refuses the person's own token means their sign-in no longer holds.
        return render(e.status() == 401 ? 403 : e.status(), e);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return render(403, new ServiceException(403, null));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return render(404, new ServiceException(404, null));
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        // The cause names a host and port, never what the person typed.
        LOG.warnf("a service did not answer: %s", e.getClass().getSimpleName());
        return render(503, new ServiceException(503, null));
    }

    private Response render(int status, ServiceException problem) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(page.data("problem", problem).data("status", status)).build();
    }
}
