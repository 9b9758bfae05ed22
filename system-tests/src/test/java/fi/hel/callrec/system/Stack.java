package fi.hel.callrec.system;

/**
 * Where the running system is. Defaults are the local stack (local/up); each can be overridden by
 * an environment variable so the same tests run against another deployment.
 */
final class Stack {

    static final String KEYCLOAK = setting("CALLREC_KEYCLOAK_URL", "http://127.0.0.1:8180");
    static final String REALM = KEYCLOAK + "/realms/callrec";
    static final String INGEST = setting("CALLREC_INGEST_URL", "http://127.0.0.1:8081");
    static final String CATALOG = setting("CALLREC_CATALOG_URL", "http://127.0.0.1:8082");
    static final String ACCESS = setting("CALLREC_ACCESS_URL", "http://127.0.0.1:8083");
    static final String RETENTION = setting("CALLREC_RETENTION_URL", "http://127.0.0.1:8084");
    static final String CONSOLE = setting("CALLREC_CONSOLE_URL", "http://127.0.0.1:8085");

    /** Test-only credentials of the realm file (config/keycloak/callrec-realm.json). */
    static final String PORTAL_CLIENT = "callrec-portal";
    static final String PORTAL_SECRET = setting("CALLREC_PORTAL_SECRET", "test-only-portal-secret");
    static final String RECORDER_CLIENT = "callrec-recorder";
    static final String RECORDER_SECRET = setting("CALLREC_RECORDER_SECRET", "test-only-recorder-secret");
    static final String USER_PASSWORD = setting("CALLREC_TEST_PASSWORD", "test-password");

    private Stack() {
    }

    private static String setting(String env, String fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value.replaceAll("/+$", "");
    }
}
