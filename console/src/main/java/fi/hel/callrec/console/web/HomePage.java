package fi.hel.callrec.console.web;

import fi.hel.callrec.console.i18n.Language;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestQuery;

/** The start page with the screens of the person's roles, the language switch and the signed-out page. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

    /** A path of this console to return to: no scheme, no host, no second slash. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/[A-Za-z0-9/_.-]*");

    @Inject
    @Location("home.html")
    Template home;

    @Inject
    @Location("signed-out.html")
    Template signedOut;

    @GET
    public TemplateInstance home() {
        return home.instance();
    }

    @GET
    @Path("signed-out")
    @PermitAll
    public TemplateInstance signedOut() {
        return signedOut.instance();
    }

    /** Remembers the chosen language for a year and goes back to the page the person was on. */
    @GET
    @Path("language/{code}")
    @PermitAll
    public Response language(@PathParam("code") String code, @RestQuery("return") String back) {
        if (!Language.SUPPORTED.contains(code)) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        String target = back != null && LOCAL_PATH.matcher(back).matches() && !back.startsWith("//") ? back : "/";
        NewCookie cookie = new NewCookie.Builder(Language.COOKIE).value(code).path("/").maxAge(365 * 24 * 3600)
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }
}
