package fi.hel.callrec.console.i18n;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Renders every page in the person's language and says which it is. */
public class LocaleFilter {

    @Inject
    Language language;

    @ServerResponseFilter
    public void localise(ContainerResponseContext response) {
        if (response.getEntity() instanceof TemplateInstance page) {
            page.setLocale(language.locale());
            response.getHeaders().putSingle("Content-Language", language.code());
        }
    }
}
