package fi.hel.callrec.console.web;

import fi.hel.callrec.console.services.ServiceException;
import java.util.UUID;
import java.util.regex.Pattern;

/** Ids in the console's paths are the services' UUIDs; anything else is not found, without asking a service. */
final class Ids {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    static String uuid(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw new ServiceException(404, null);
        }
        return UUID.fromString(id).toString();
    }
}
