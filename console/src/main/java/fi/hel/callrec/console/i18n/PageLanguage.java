package fi.hel.callrec.console.i18n;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.qute.EngineBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Every page is rendered in the person's language: each template instance gets it when it is created. */
@ApplicationScoped
public class PageLanguage {

    void addToEngine(@Observes EngineBuilder engine) {
        engine.addTemplateInstanceInitializer(page -> {
            if (Arc.container().requestContext().isActive()) {
                try (InstanceHandle<Language> language = Arc.container().instance(Language.class)) {
                    page.setLocale(language.get().locale());
                }
            }
        });
    }
}
