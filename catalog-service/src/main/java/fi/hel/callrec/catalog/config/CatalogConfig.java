package fi.hel.callrec.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "callrec.catalog")
public interface CatalogConfig {

    /** Search settings. */
    Search search();

    interface Search {

        /** Calls per page when the client names no limit. */
        @WithDefault("50")
        int defaultPageSize();

        /** Largest page a client may ask for; a larger limit answers 400, so no client can read the catalog in one go. */
        @WithDefault("200")
        int maxPageSize();
    }
}
