package fi.hel.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the data subjects' rights workflows. */
@ConfigMapping(prefix = "callrec.access")
public interface RightsConfig {

    /** Where access-service answers; subject-access reports link each call's audio there. */
    @WithDefault("http://127.0.0.1:8083")
    String baseUrl();
}
