package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads docker-compose.yml and k8s/ as data and checks them against what the rest of the
 * repository says: the services' ports (application.properties), the topics (local/config/topics.txt),
 * the realm file, the databases. Neither Docker nor a cluster is needed, so a descriptor that drifts
 * from the code fails the build here rather than on the first deployment.
 */
class DeploymentDescriptorsTest {

    /** Maven runs the tests in the module's folder: its parent is the project root. */
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    /** The services and the console as every overlay has them; the overlays are KubernetesManifestsTest's. */
    private static final Path K8S = ROOT.resolve("k8s/base");

    /** The four services, each with its own database and Kafka principal. */
    private static final List<String> BACKENDS =
            List.of("ingest-service", "catalog-service", "access-service", "retention-service");
    /** The web console: no database, no Kafka, no S3; it calls three of the services. */
    private static final String CONSOLE = "console";
    private static final List<String> SERVICES = Stream.concat(BACKENDS.stream(), Stream.of(CONSOLE)).toList();
    /** The console's setting for each service it calls (and only these: never ingest-service). */
    private static final Map<String, String> CONSOLE_CALLS = Map.of(
            "CALLREC_CONSOLE_CATALOG_URL", "catalog-service",
            "CALLREC_CONSOLE_ACCESS_URL", "access-service",
            "CALLREC_CONSOLE_RETENTION_URL", "retention-service");
    /** Keys of the console's own secrets: its two Keycloak clients and the keys of its two cookies. */
    private static final List<String> CONSOLE_SECRETS = List.of(
            "QUARKUS_OIDC_CREDENTIALS_SECRET", "QUARKUS_OIDC_CLIENT_ACCESS_REVIEW_CREDENTIALS_SECRET",
            "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "QUARKUS_OIDC_AUTHENTICATION_STATE_SECRET");
    /** Settings of a database, Kafka or the object store: none of them is the console's business. */
    private static final Pattern DATA_ENV = Pattern.compile("^(QUARKUS_DATASOURCE_|QUARKUS_FLYWAY_|KAFKA_|QUARKUS_KAFKA_|MP_MESSAGING_|CALLREC_S3_).*");
    /** The catalog never touches the audio; the other three use the object store. */
    private static final Set<String> S3_SERVICES = Set.of("ingest-service", "access-service", "retention-service");

    private static final List<String> COMPOSE_ENV = List.of(
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_TOKEN_ISSUER");
    private static final List<String> COMPOSE_S3_ENV = List.of(
            "CALLREC_S3_ENDPOINT", "CALLREC_S3_ACCESS_KEY", "CALLREC_S3_SECRET_KEY", "CALLREC_S3_BUCKET",
            "CALLREC_S3_OBJECT_LOCK");
    private static final String REALM_IMPORT = "/opt/keycloak/data/import/callrec-realm.json";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode compose;
    private static List<Manifest> manifests;

    /** One document of a (possibly multi-document) file under k8s/. */
    private record Manifest(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }
    }

    private record Topic(int partitions, long retentionMs) {
    }

    @BeforeAll
    static void load() throws IOException {
        compose = readAll(ROOT.resolve("docker-compose.yml")).get(0);
        manifests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(DeploymentDescriptorsTest::isYaml).sorted().toList()) {
                for (JsonNode node : readAll(file)) {
                    manifests.add(new Manifest(file, node));
                }
            }
        }
    }

    // ---------------------------------------------------------------- docker-compose.yml

    @Test
    void composeFollowsTheComposeSpecification() {
        assertThat(composeSchemaErrors(compose)).as("docker-compose.yml against the Compose Specification").isEmpty();
    }

    @Test
    void theComposeSchemaCheckCatchesAMisspeltFieldAndAWrongType() {
        com.fasterxml.jackson.databind.node.ObjectNode misspelt = compose.deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode kafka =
                (com.fasterxml.jackson.databind.node.ObjectNode) misspelt.path("services").path("kafka");
        kafka.set("healtcheck", kafka.remove("healthcheck"));
        assertThat(composeSchemaErrors(misspelt)).as("a misspelt field").isNotEmpty();

        com.fasterxml.jackson.databind.node.ObjectNode wrongType = compose.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) wrongType.path("services").path("kafka"))
                .put("ports", "127.0.0.1:9092:19092");
        assertThat(composeSchemaErrors(wrongType)).as("a string where a list belongs").isNotEmpty();
    }

    @Test
    void composeNamesItsProjectWhereComposeV1AlsoReadsIt() throws IOException {
        assertThat(compose.has("name")).as("Compose v1 refuses a top-level name:").isFalse();
        assertThat(compose.has("version")).as("the Compose Specification has no version:").isFalse();
        assertThat(Files.readAllLines(ROOT.resolve(".env"))).contains("COMPOSE_PROJECT_NAME=callrec");
    }

    @Test
    void composeRunsEachServiceOnItsOwnPortWithAHealthcheck() throws IOException {
        assertThat(SERVICES.stream().map(DeploymentDescriptorsTest::httpPort).toList())
                .as("the ports of the design brief")
                .containsExactly(8081, 8082, 8083, 8084, 8085);
        for (String name : SERVICES) {
            int port = httpPort(name);
            JsonNode service = composeService(name);

            assertThat(publishedPorts(service)).as("%s publishes its port on the same host port", name)
                    .containsEntry(port, port);
            assertThat(service.path("image").asText()).as("%s runs the image the build makes with Jib", name)
                    .isEqualTo("callrec/" + name + ":" + projectVersion());
            assertThat(service.path("pull_policy").asText()).isEqualTo("never");
            assertThat(service.has("build")).as("%s is not built from a Dockerfile", name).isFalse();

            assertThat(commandText(service.path("healthcheck").path("test")))
                    .as("%s healthcheck", name)
                    .contains("http://localhost:" + port + "/q/health/ready");
        }
    }

    @Test
    void composeGivesEachServiceItsDatabaseKafkaKeycloakAndObjectStore() {
        String kafkaInternal = kafkaInternalListener();
        JsonNode keycloak = composeService("keycloak");
        String issuer = env(keycloak).get("KC_HOSTNAME") + "/realms/callrec";
        int keycloakContainerPort = publishedPorts(keycloak).get(8180);
        Map<String, String[]> identities = minioIdentities();
        Set<String> accessKeys = new HashSet<>();

        for (String name : BACKENDS) {
            Map<String, String> env = env(composeService(name));
            String database = "callrec_" + name.substring(0, name.indexOf('-'));

            assertThat(env).as("%s environment", name).containsKeys(COMPOSE_ENV.toArray(String[]::new));
            assertThat(env.get("QUARKUS_DATASOURCE_JDBC_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + database);
            assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo(database);
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).isNotBlank();
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(kafkaInternal);
            assertThat(env.get("QUARKUS_OIDC_AUTH_SERVER_URL"))
                    .isEqualTo("http://keycloak:" + keycloakContainerPort + "/realms/callrec");
            assertThat(env.get("QUARKUS_OIDC_TOKEN_ISSUER")).isEqualTo(issuer);

            if (S3_SERVICES.contains(name)) {
                assertThat(env).as("%s S3 environment", name).containsKeys(COMPOSE_S3_ENV.toArray(String[]::new));
                assertThat(env.get("CALLREC_S3_ENDPOINT")).isEqualTo("http://minio:9000");
                assertThat(env.get("CALLREC_S3_BUCKET")).isEqualTo("recordings");
                assertThat(env.get("CALLREC_S3_OBJECT_LOCK")).isEqualTo("true");
                String[] identity = identities.get(env.get("CALLREC_S3_ACCESS_KEY"));
                assertThat(identity).as("%s's S3 identity is made by minio-init", name).isNotNull();
                assertThat(env.get("CALLREC_S3_SECRET_KEY")).isEqualTo(identity[0]);
                assertThat(accessKeys.add(env.get("CALLREC_S3_ACCESS_KEY"))).as("%s has an identity of its own", name).isTrue();
            } else {
                assertThat(env.keySet()).as("%s has no S3 settings", name)
                        .noneMatch(key -> key.startsWith("CALLREC_S3_"));
            }
        }
        assertThat(issuer).as("tokens fetched from the host carry the published Keycloak port")
                .isEqualTo("http://localhost:8180/realms/callrec");
        assertThat(env(keycloak)).containsEntry("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true");
    }

    @Test
    void composeGivesTheConsoleTheThreeServicesAndKeycloakButNoData() throws IOException {
        Map<String, String> env = env(composeService(CONSOLE));
        JsonNode keycloak = composeService("keycloak");
        String origin = env(keycloak).get("KC_HOSTNAME");
        int keycloakContainerPort = publishedPorts(keycloak).get(8180);

        assertThat(env.keySet()).as("console has no database, Kafka or S3 settings")
                .noneMatch(key -> DATA_ENV.matcher(key).matches());
        assertThat(env.values()).as("console points at no database, broker or object store")
                .noneMatch(value -> value.matches(".*\\b(postgres|postgresql|kafka|minio):.*"));

        CONSOLE_CALLS.forEach((key, service) -> assertThat(env.get(key)).as("console %s", key)
                .isEqualTo("http://" + service + ":" + httpPort(service)));
        assertThat(env.get("CALLREC_CONSOLE_KEYCLOAK_URL")).as("Keycloak inside the network")
                .isEqualTo("http://keycloak:" + keycloakContainerPort);
        assertThat(env.get("CALLREC_CONSOLE_KEYCLOAK_ORIGIN")).as("Keycloak as the browser reaches it").isEqualTo(origin);
        assertThat(env.get("QUARKUS_OIDC_TOKEN_ISSUER")).isEqualTo(origin + "/realms/callrec");
        if (env.containsKey("QUARKUS_OIDC_AUTH_SERVER_URL")) {
            assertThat(env.get("QUARKUS_OIDC_AUTH_SERVER_URL"))
                    .isEqualTo(env.get("CALLREC_CONSOLE_KEYCLOAK_URL") + "/realms/callrec");
        }
        assertConsoleSettingsExist(env.keySet(), "docker-compose.yml");

        // The secrets the realm file gives its two clients, and cookie keys long enough to be used.
        assertThat(env.get("QUARKUS_OIDC_CREDENTIALS_SECRET")).isEqualTo(realmClientSecret("callrec-console"));
        assertThat(env.get("QUARKUS_OIDC_CLIENT_ACCESS_REVIEW_CREDENTIALS_SECRET"))
                .isEqualTo(realmClientSecret("callrec-access-review"));
        for (String key : CONSOLE_SECRETS) {
            assertThat(env.get(key)).as("console %s is test-only and says so", key).startsWith("test-only-");
        }
        for (String key : List.of("QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "QUARKUS_OIDC_AUTHENTICATION_STATE_SECRET")) {
            assertThat(env.get(key)).as("console %s (at least 32 characters)", key).hasSizeGreaterThanOrEqualTo(32);
        }
        // The one place that serves the console over plain HTTP (the loopback) switches Secure cookies off.
        assertThat(env.get("CALLREC_CONSOLE_SECURE_COOKIES")).isEqualTo("false");
        assertThat(publishedPorts(composeService(CONSOLE)).keySet()).containsExactly(httpPort(CONSOLE));
    }

    @Test
    void composeServicesStartOnlyAfterWhatTheyNeed() {
        for (String name : BACKENDS) {
            Map<String, String> dependsOn = dependsOn(composeService(name));
            assertThat(dependsOn).as("%s depends_on", name)
                    .containsEntry("postgres", "service_healthy")
                    .containsEntry("kafka", "service_healthy")
                    .containsEntry("kafka-init", "service_completed_successfully")
                    .containsEntry("keycloak", "service_healthy");
            if (S3_SERVICES.contains(name)) {
                assertThat(dependsOn).as("%s depends_on", name)
                        .containsEntry("minio", "service_healthy")
                        .containsEntry("minio-init", "service_completed_successfully");
            } else {
                assertThat(dependsOn).as("%s depends_on", name).doesNotContainKeys("minio", "minio-init");
            }
        }
        Map<String, String> console = dependsOn(composeService(CONSOLE));
        assertThat(console).as("console depends_on").containsEntry("keycloak", "service_healthy");
        CONSOLE_CALLS.values().forEach(service ->
                assertThat(console).as("console depends_on").containsEntry(service, "service_healthy"));
        assertThat(console).as("console depends_on no data server")
                .doesNotContainKeys("postgres", "kafka", "kafka-init", "minio", "minio-init");
        // A condition on a dependency that cannot satisfy it would block `up` for ever.
        compose.path("services").fields().forEachRemaining(entry -> dependsOn(entry.getValue()).forEach((dep, condition) -> {
            JsonNode target = composeService(dep);
            if (condition.equals("service_healthy")) {
                assertThat(target.path("healthcheck").path("test").isMissingNode())
                        .as("%s waits for %s to be healthy, which needs a healthcheck", entry.getKey(), dep).isFalse();
            } else if (condition.equals("service_completed_successfully")) {
                assertThat(target.path("restart").asText("no"))
                        .as("%s waits for %s to complete, which must be one-shot", entry.getKey(), dep).isEqualTo("no");
            }
        }));
    }

    @Test
    void kafkaInitCreatesTheTopicsOfTheLocalStack() throws IOException {
        Map<String, Topic> expected = new TreeMap<>();
        for (String line : Files.readAllLines(ROOT.resolve("local/config/topics.txt"))) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            expected.put(fields[0], new Topic(Integer.parseInt(fields[1]), Long.parseLong(fields[2])));
        }
        assertThat(expected).as("topics.txt").isNotEmpty();

        JsonNode kafkaInit = composeService("kafka-init");
        Map<String, Topic> created = new TreeMap<>();
        for (String line : commandText(kafkaInit.path("command")).split("\n")) {
            if (!line.contains("kafka-topics.sh") || !line.contains("--create")) {
                continue;
            }
            assertThat(line).as("a re-run must not fail on existing topics").contains("--if-not-exists");
            assertThat(line).contains("$$admin");
            created.put(option(line, "--topic"), new Topic(
                    Integer.parseInt(option(line, "--partitions")),
                    Long.parseLong(option(line, "--config").replaceFirst("^retention\\.ms=", ""))));
        }
        assertThat(created).as("topics created by kafka-init").isEqualTo(expected);
        assertThat(commandText(kafkaInit.path("command")))
                .contains("admin=\"--bootstrap-server " + kafkaInternalListener() + " --command-config ");
        assertThat(dependsOn(kafkaInit)).containsEntry("kafka", "service_healthy");
        assertThat(env(composeService("kafka"))).containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    }

    @Test
    void composeKafkaRefusesAnonymousClientsAndGrantsExactlyTheAclsOfTheLocalStack() throws IOException {
        Map<String, String> broker = env(composeService("kafka"));
        assertThat(broker).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
        assertThat(broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                .as("every listener signs clients in; those off the broker's own host over TLS")
                .allMatch(entry -> entry.endsWith(":SASL_SSL") || entry.equals("CONTROLLER:SASL_PLAINTEXT"));
        assertThat(broker.get("KAFKA_LISTENERS")).contains("CONTROLLER://localhost:");

        Set<String> expected = localAcls(principal -> true);
        String init = commandText(composeService("kafka-init").path("command"));
        Set<String> granted = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        for (String line : init.split("\n")) {
            if (line.contains("kafka-acls.sh")) {
                Matcher principal = Pattern.compile("--allow-principal User:(\\S+)").matcher(line);
                assertThat(principal.find()).as(line).isTrue();
                List<String> operations = all(line, "--operation");
                for (String type : List.of("topic", "group")) {
                    for (String resource : all(line, "--" + type)) {
                        operations.forEach(op -> granted.add(principal.group(1) + " " + op + " " + type + " " + resource.replace("'", "")));
                    }
                }
            }
            if (line.contains("kafka-configs.sh") && line.contains("--entity-type users")) {
                users.add(option(line, "--entity-name"));
            }
        }
        assertThat(granted).as("ACLs kafka-init grants").isEqualTo(expected);
        Set<String> localUsers = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("local/config/kafka-users.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                localUsers.add(line.strip().split("\\s+")[0]);
            }
        }
        assertThat(users).as("SCRAM users kafka-init makes").isEqualTo(localUsers);

        for (String name : BACKENDS) {
            JsonNode service = composeService(name);
            Map<String, String> env = env(service);
            assertThat(env).as("%s signs in to Kafka over TLS", name)
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PEM")
                    .containsKey("CALLREC_KAFKA_PASSWORD");
            String password = env.get("CALLREC_KAFKA_PASSWORD");
            assertThat(init).as("kafka-init gives %s the password the service uses", name)
                    .contains("--entity-name " + name + " --add-config 'SCRAM-SHA-512=[password=" + password + "]'");
            String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            assertThat(textItems(service.path("volumes")))
                    .contains("kafka-certs:" + truststore.substring(0, truststore.lastIndexOf('/')) + ":ro");
        }
    }

    @Test
    void composeGivesEachServiceAnObjectStoreIdentityForItsOwnJobOnly() {
        Map<String, String[]> identities = minioIdentities();
        Map<String, String> policyOf = new TreeMap<>();
        for (String name : S3_SERVICES) {
            String key = env(composeService(name)).get("CALLREC_S3_ACCESS_KEY");
            policyOf.put(name, String.join(" ", identities.get(key)[2], identities.get(key)[3]));
        }
        assertThat(policyOf.get("access-service")).as("access-service only reads")
                .contains("s3:GetObject").doesNotContain("Put", "Delete", "LegalHold");
        assertThat(policyOf.get("ingest-service")).as("ingest-service writes, never destroys versions or holds")
                .contains("s3:PutObject", "s3:AbortMultipartUpload").doesNotContain("DeleteObjectVersion", "LegalHold");
        assertThat(policyOf.get("retention-service")).as("retention-service deletes, lists versions and holds, never writes")
                .contains("s3:DeleteObjectVersion", "s3:ListBucketVersions", "s3:PutObjectLegalHold")
                .doesNotContain("s3:PutObject\"");
    }

    @Test
    void keycloakImportsTheRealmFileOfTheRepository() {
        JsonNode keycloak = composeService("keycloak");
        String mount = textItems(keycloak.path("volumes")).stream()
                .filter(volume -> volume.contains(":" + REALM_IMPORT))
                .findFirst().orElseThrow(() -> new AssertionError("keycloak mounts no realm file at " + REALM_IMPORT));
        String[] parts = mount.split(":");
        assertThat(parts).as("read-only mount").hasSize(3).endsWith("ro");
        assertThat(ROOT.resolve(parts[0]).normalize()).as("realm file mounted into keycloak").isRegularFile();
        assertThat(parts[0]).isEqualTo("./config/keycloak/callrec-realm.json");

        assertThat(commandText(keycloak.path("command"))).contains("start-dev").contains("--import-realm");
        assertThat(env(keycloak)).containsEntry("KC_HEALTH_ENABLED", "true");
        assertThat(commandText(keycloak.path("healthcheck").path("test"))).contains("9000").contains("/health/ready");
        assertThat(publishedPorts(keycloak)).containsEntry(8180, 8080);
    }

    @Test
    void postgresCreatesEveryServiceDatabase() throws IOException {
        JsonNode postgres = composeService("postgres");
        String init = textItems(postgres.path("volumes")).stream()
                .filter(volume -> volume.contains(":/docker-entrypoint-initdb.d/"))
                .findFirst().orElseThrow(() -> new AssertionError("postgres has no init script"));
        Path script = ROOT.resolve(init.split(":")[0]).normalize();
        assertThat(script).isEqualTo(ROOT.resolve("local/config/postgres.sql"));
        String sql = Files.readString(script);
        for (String name : BACKENDS) {
            assertThat(sql).contains("'" + env(composeService(name)).get("QUARKUS_DATASOURCE_USERNAME") + "'");
        }
    }

    @Test
    void minioInitCreatesTheBucketWithObjectLock() {
        JsonNode minioInit = composeService("minio-init");
        String script = commandText(minioInit.path("command"));
        assertThat(script).containsPattern("mc mb --with-lock --ignore-existing \\S+/recordings(\\s|$)");
        assertThat(dependsOn(minioInit)).containsEntry("minio", "service_healthy");
        assertThat(minioInit.path("image").asText()).startsWith("minio/mc");
        assertThat(composeService("minio").path("image").asText()).startsWith("minio/minio");
    }

    @Test
    void composeKeepsDataInNamedVolumes() {
        Set<String> declared = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declared::add);
        for (String name : List.of("postgres", "kafka", "minio")) {
            assertThat(textItems(composeService(name).path("volumes")))
                    .as("%s volumes", name)
                    .anyMatch(volume -> declared.contains(volume.split(":")[0]));
        }
    }

    // ---------------------------------------------------------------- k8s/

    @Test
    void kustomizationListsExistingFilesButNotTheExampleSecrets() throws IOException {
        JsonNode kustomization = single("Kustomization", null).node();
        assertThat(kustomization.path("namespace").asText()).isEqualTo("callrec");
        List<String> resources = textItems(kustomization.path("resources"));
        for (String resource : resources) {
            assertThat(K8S.resolve(resource)).as("kustomization resource %s", resource).isRegularFile();
        }
        assertThat(resources).doesNotContain("secrets.example.yaml");

        Set<String> applied = new HashSet<>(resources);
        try (Stream<Path> files = Files.list(K8S)) {
            List<String> forgotten = files.filter(DeploymentDescriptorsTest::isYaml)
                    .map(file -> file.getFileName().toString())
                    .filter(file -> !file.equals("kustomization.yaml") && !file.equals("secrets.example.yaml"))
                    .filter(file -> !applied.contains(file))
                    .toList();
            assertThat(forgotten).as("manifests not listed in kustomization.yaml").isEmpty();
        }
        assertThat(manifests).filteredOn(m -> m.kind().equals("Secret"))
                .as("Secrets come from the secret store, never from the applied manifests")
                .allMatch(m -> m.file().getFileName().toString().equals("secrets.example.yaml"));

        List<String> partOf = new ArrayList<>();
        kustomization.path("labels").forEach(label -> partOf.add(label.path("pairs").path("app.kubernetes.io/part-of").asText()));
        partOf.add(kustomization.path("commonLabels").path("app.kubernetes.io/part-of").asText());
        assertThat(partOf).contains("callrec");
    }

    @Test
    void deploymentsAreProbedLimitedAndUnprivileged() {
        assertThat(manifests).filteredOn(m -> m.kind().equals("Deployment")).extracting(Manifest::name)
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        for (String name : SERVICES) {
            JsonNode deployment = single("Deployment", name).node();
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode container = onlyContainer(deployment);
            int port = httpPort(name);

            assertThat(deployment.path("spec").path("replicas").asInt()).as("%s replicas", name).isEqualTo(2);
            assertThat(container.path("image").asText()).startsWith("callrec/" + name + ":");
            assertThat(containerPorts(container)).as("%s container ports", name).containsValue(port);

            assertThat(probe(container, "readinessProbe")).as("%s readiness", name).isEqualTo("/q/health/ready:" + port);
            assertThat(probe(container, "livenessProbe")).as("%s liveness", name).isEqualTo("/q/health/live:" + port);
            assertThat(container.path("startupProbe").path("httpGet").isMissingNode()).as("%s startup probe", name).isFalse();

            JsonNode podSecurity = pod.path("spec").path("securityContext");
            JsonNode security = container.path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean() || podSecurity.path("runAsNonRoot").asBoolean())
                    .as("%s runAsNonRoot", name).isTrue();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as("%s read-only root", name).isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as("%s privilege escalation", name).isFalse();
            assertThat(textItems(security.path("capabilities").path("drop"))).as("%s capabilities", name).contains("ALL");
            assertThat(podSecurity.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");

            JsonNode resources = container.path("resources");
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(resources.path(kind).path(resource).asText()).as("%s %s.%s", name, kind, resource).isNotBlank();
                }
            }

            // The root filesystem is read-only: /tmp must be a volume of the pod.
            String tmpVolume = null;
            for (JsonNode mount : container.path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            assertThat(tmpVolume).as("%s mounts /tmp", name).isNotNull();
            boolean emptyDir = false;
            for (JsonNode volume : pod.path("spec").path("volumes")) {
                emptyDir |= volume.path("name").asText().equals(tmpVolume) && volume.has("emptyDir");
            }
            assertThat(emptyDir).as("%s /tmp is an emptyDir", name).isTrue();

            JsonNode annotations = pod.path("metadata").path("annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
            assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(String.valueOf(port));
        }
    }

    @Test
    void eachDeploymentHasAServiceAndADisruptionBudget() {
        for (String name : SERVICES) {
            JsonNode deployment = single("Deployment", name).node();
            JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
            JsonNode container = onlyContainer(deployment);

            JsonNode service = single("Service", name).node().path("spec");
            assertThat(service.path("type").asText("ClusterIP")).isEqualTo("ClusterIP");
            assertThat(service.path("ports")).hasSize(1);
            JsonNode servicePort = service.path("ports").get(0);
            assertThat(servicePort.path("port").asInt()).isEqualTo(80);
            assertThat(resolvePort(container, servicePort.path("targetPort"))).as("%s Service targetPort", name)
                    .isEqualTo(httpPort(name));
            assertSelects(service.path("selector"), podLabels, "Service " + name);

            JsonNode budget = single("PodDisruptionBudget", name).node().path("spec");
            assertThat(budget.path("minAvailable").asInt()).isEqualTo(1);
            assertSelects(budget.path("selector").path("matchLabels"), podLabels, "PodDisruptionBudget " + name);
        }
    }

    @Test
    void deploymentsReadTheSharedConfigAndTheirOwnSecret() {
        Manifest config = single("ConfigMap", "callrec-config");
        assertThat(config.file().getFileName().toString()).isEqualTo("config.yaml");
        JsonNode data = config.node().path("data");
        for (String key : List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL", "CALLREC_S3_ENDPOINT", "CALLREC_S3_BUCKET")) {
            assertThat(data.path(key).asText()).as("ConfigMap %s", key).isNotBlank();
        }
        assertThat(data.path("CALLREC_S3_OBJECT_LOCK").asText()).isEqualTo("true");

        for (String name : BACKENDS) {
            JsonNode container = onlyContainer(single("Deployment", name).node());
            List<String> configMaps = envFrom(container, "configMapRef");
            List<String> secrets = envFrom(container, "secretRef");
            assertThat(configMaps).as("%s ConfigMaps", name).containsExactly(config.name());
            assertThat(secrets).as("%s Secrets", name).hasSize(1);

            Manifest secret = single("Secret", secrets.get(0));
            assertThat(secret.file().getFileName().toString()).isEqualTo("secrets.example.yaml");
            JsonNode values = secret.node().path("stringData");
            List<String> keys = new ArrayList<>(List.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"));
            if (S3_SERVICES.contains(name)) {
                keys.addAll(List.of("CALLREC_S3_ACCESS_KEY", "CALLREC_S3_SECRET_KEY"));
            }
            for (String key : keys) {
                assertThat(values.path(key).asText()).as("%s %s", secret.name(), key).isNotBlank();
            }
            assertThat(values.path("QUARKUS_DATASOURCE_PASSWORD").asText()).as("example secrets hold placeholders")
                    .isEqualTo("change-me");
        }
    }

    @Test
    void eachServiceSignsInToKafkaOverTlsAsAStrimziUserWithTheAclsOfTheLocalStack() throws Exception {
        JsonNode config = single("ConfigMap", "callrec-config").node().path("data");
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        assertThat(config.path("KAFKA_SSL_TRUSTSTORE_TYPE").asText()).isEqualTo("PEM");
        String truststore = config.path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText();
        String caDir = truststore.substring(0, truststore.lastIndexOf('/'));

        Set<String> expected = localAcls(principal -> !principal.equals("callrec-tools"));
        Set<String> granted = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        for (JsonNode user : Manifests.render("k8s/overlays/production").stream()
                .filter(o -> Manifests.kind(o).equals("KafkaUser")).toList()) {
            JsonNode spec = user.path("spec");
            String userName = Manifests.name(user);
            assertThat(spec.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
            assertThat(spec.path("authorization").path("type").asText()).isEqualTo("simple");
            users.add(userName);
            for (JsonNode acl : spec.path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                assertThat(resource.path("patternType").asText()).as("%s: literal names only", userName).isEqualTo("literal");
                acl.path("operations").forEach(op -> granted.add(userName + " " + op.asText() + " "
                        + resource.path("type").asText() + " " + resource.path("name").asText()));
            }
        }
        assertThat(users).as("one KafkaUser per service").containsExactlyInAnyOrderElementsOf(BACKENDS);
        assertThat(granted).as("ACLs of the KafkaUsers").isEqualTo(expected);

        for (String name : BACKENDS) {
            JsonNode pod = single("Deployment", name).node().path("spec").path("template").path("spec");
            JsonNode container = onlyContainer(single("Deployment", name).node());
            String volume = null;
            for (JsonNode v : pod.path("volumes")) {
                if (v.path("secret").path("secretName").asText().equals("kafka-cluster-ca")) {
                    volume = v.path("name").asText();
                }
            }
            assertThat(volume).as("%s mounts the Kafka cluster CA", name).isNotNull();
            String mounted = volume;
            assertThat(container.path("volumeMounts")).as("%s mounts the CA where the truststore setting points", name)
                    .anyMatch(m -> m.path("name").asText().equals(mounted) && m.path("mountPath").asText().equals(caDir)
                            && m.path("readOnly").asBoolean());
            assertThat(single("Secret", envFrom(container, "secretRef").get(0)).node().path("stringData").has("CALLREC_KAFKA_PASSWORD"))
                    .as("%s's Secret holds its Kafka password", name).isTrue();
        }
        assertThat(single("Secret", "kafka-cluster-ca").node().path("stringData").has("ca.crt")).isTrue();
    }

    @Test
    void theConsoleReadsItsOwnConfigAndSecretAndNoData() throws IOException {
        JsonNode container = onlyContainer(single("Deployment", CONSOLE).node());
        List<String> configMaps = envFrom(container, "configMapRef");
        List<String> secrets = envFrom(container, "secretRef");
        assertThat(configMaps).as("console ConfigMaps: not the shared one, which holds Kafka and S3")
                .containsExactly("console-config");
        assertThat(secrets).as("console Secrets").containsExactly("console-secrets");

        Manifest config = single("ConfigMap", "console-config");
        assertThat(config.file().getFileName().toString()).isEqualTo("config.yaml");
        Map<String, String> data = new TreeMap<>();
        config.node().path("data").fields().forEachRemaining(entry -> data.put(entry.getKey(), entry.getValue().asText()));
        Manifest secret = single("Secret", "console-secrets");
        assertThat(secret.file().getFileName().toString()).isEqualTo("secrets.example.yaml");
        Map<String, String> values = new TreeMap<>();
        secret.node().path("stringData").fields().forEachRemaining(entry -> values.put(entry.getKey(), entry.getValue().asText()));
        Set<String> keys = new HashSet<>(data.keySet());
        keys.addAll(values.keySet());
        container.path("env").forEach(variable -> keys.add(variable.path("name").asText()));
        assertThat(keys).as("console has no database, Kafka or S3 settings").noneMatch(key -> DATA_ENV.matcher(key).matches());

        // The three services through their Services (port 80), and the same Keycloak as the services.
        CONSOLE_CALLS.forEach((key, service) -> {
            URI url = URI.create(data.getOrDefault(key, ""));
            assertThat(url.getHost()).as("console-config %s", key).isEqualTo(service);
            int servicePort = single("Service", service).node().path("spec").path("ports").get(0).path("port").asInt();
            assertThat(url.getPort() == -1 ? 80 : url.getPort()).as("console-config %s port", key).isEqualTo(servicePort);
        });
        String authServer = single("ConfigMap", "callrec-config").node().path("data").path("QUARKUS_OIDC_AUTH_SERVER_URL").asText();
        assertThat(data.get("CALLREC_CONSOLE_KEYCLOAK_URL") + "/realms/callrec").as("console's Keycloak").isEqualTo(authServer);
        assertThat(data.get("CALLREC_CONSOLE_KEYCLOAK_ORIGIN")).as("Keycloak's public origin").startsWith("https://");
        assertConsoleSettingsExist(keys, "k8s/");

        for (String key : CONSOLE_SECRETS) {
            assertThat(values.get(key)).as("console-secrets %s holds a placeholder", key).isEqualTo("change-me");
        }
        // Behind the ingress the console is served over https only: its cookies stay Secure.
        assertThat(data.getOrDefault("CALLREC_CONSOLE_SECURE_COOKIES", "true")).isEqualTo("true");
        assertThat(consoleProperties().getProperty("callrec.console.secure-cookies")).isEqualTo("true");
    }

    @Test
    void onlyTheIngressControllerPrometheusAndTheConsoleReachThePods() {
        List<JsonNode> policies = manifests.stream().filter(m -> m.kind().equals("NetworkPolicy")).map(Manifest::node).toList();
        assertThat(policies).as("a default deny of all ingress").anyMatch(policy ->
                policy.path("spec").path("podSelector").isEmpty()
                        && textItems(policy.path("spec").path("policyTypes")).contains("Ingress")
                        && policy.path("spec").path("ingress").isEmpty());

        Set<Integer> allowed = new HashSet<>();
        for (JsonNode policy : policies) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                assertThat(rule.path("from")).as("allow rules name their sources").isNotEmpty();
                rule.path("ports").forEach(port -> allowed.add(port.path("port").asInt()));
            }
        }
        assertThat(allowed).containsAll(SERVICES.stream().map(DeploymentDescriptorsTest::httpPort).toList());

        // People reach the console through the ingress controller, on its port.
        JsonNode consolePod = podLabels(CONSOLE);
        assertThat(policies).as("the ingress controller may reach the console on %s", httpPort(CONSOLE)).anyMatch(policy ->
                selects(policy.path("spec").path("podSelector"), consolePod)
                        && ingressRulesFrom(policy, rule -> hasNamespacePeer(rule, "ingress-nginx")).contains(httpPort(CONSOLE)));

        // The three services it calls take requests from the console's pods on their ports; ingest-service does not.
        for (String name : BACKENDS) {
            JsonNode pod = podLabels(name);
            Set<Integer> fromConsole = new HashSet<>();
            for (JsonNode policy : policies) {
                if (textItems(policy.path("spec").path("policyTypes")).contains("Ingress")
                        && selects(policy.path("spec").path("podSelector"), pod)) {
                    fromConsole.addAll(ingressRulesFrom(policy, rule -> fromPodsOf(rule, consolePod)));
                }
            }
            if (CONSOLE_CALLS.containsValue(name)) {
                assertThat(fromConsole).as("%s accepts the console", name).contains(httpPort(name));
            } else {
                assertThat(fromConsole).as("%s is not the console's to call", name).isEmpty();
            }
        }
    }

    @Test
    void theConsoleConnectsOnlyToTheThreeServicesKeycloakAndDns() {
        JsonNode consolePod = podLabels(CONSOLE);
        List<JsonNode> egressPolicies = manifests.stream()
                .filter(m -> m.kind().equals("NetworkPolicy"))
                .map(Manifest::node)
                .filter(policy -> textItems(policy.path("spec").path("policyTypes")).contains("Egress"))
                .filter(policy -> selects(policy.path("spec").path("podSelector"), consolePod))
                .toList();
        assertThat(egressPolicies).as("an egress policy for the console").isNotEmpty();

        Set<String> reached = new TreeSet<>();
        for (JsonNode policy : egressPolicies) {
            for (JsonNode rule : policy.path("spec").path("egress")) {
                assertThat(rule.path("to")).as("console egress rules name their destinations").isNotEmpty();
                assertThat(rule.path("ports")).as("console egress rules name their ports").isNotEmpty();
                for (JsonNode peer : rule.path("to")) {
                    assertThat(peer.has("ipBlock")).as("console egress to an address block").isFalse();
                    String where = peer.has("namespaceSelector")
                            ? "namespace " + peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText("?")
                            : "pod " + peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText("?");
                    rule.path("ports").forEach(port -> reached.add(where + ":" + port.path("port").asInt()));
                }
            }
        }

        URI keycloak = URI.create(single("ConfigMap", "callrec-config").node().path("data").path("QUARKUS_OIDC_AUTH_SERVER_URL").asText());
        String[] host = keycloak.getHost().split("\\.");
        assertThat(host.length).as("Keycloak is addressed as <service>.<namespace>.svc").isGreaterThanOrEqualTo(3);
        Set<String> expected = new TreeSet<>();
        CONSOLE_CALLS.values().forEach(service -> expected.add("pod " + service + ":" + httpPort(service)));
        expected.add("namespace " + host[1] + ":" + keycloak.getPort());
        expected.add("namespace kube-system:53");
        assertThat(reached).as("where the console may connect").isEqualTo(expected);
    }

    // ---------------------------------------------------------------- helpers

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static List<JsonNode> readAll(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file);
                MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(reader)) {
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        assertThat(documents).as("documents in %s", ROOT.relativize(file)).isNotEmpty();
        return documents;
    }

    /** The project's version, which the images are tagged with. */
    private static String projectVersion() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        java.util.regex.Matcher m = Pattern.compile("<artifactId>callrec-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).as("the parent's version").isTrue();
        return m.group(1);
    }

    /** quarkus.http.port of the service's application.properties: the one source of its port. */
    private static int httpPort(String service) {
        Properties properties = applicationProperties(service);
        String port = properties.getProperty("quarkus.http.port");
        assertThat(port).as("quarkus.http.port of %s", service).isNotBlank();
        return Integer.parseInt(port.strip());
    }

    private static Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new AssertionError("cannot read the application.properties of " + service, e);
        }
        return properties;
    }

    private static Properties consoleProperties() {
        return applicationProperties(CONSOLE);
    }

    /** Every CALLREC_CONSOLE_* variable a descriptor sets overrides a key the console really has. */
    private static void assertConsoleSettingsExist(Set<String> variables, String where) {
        Set<String> known = consoleProperties().stringPropertyNames().stream()
                .map(key -> key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"))
                .collect(Collectors.toSet());
        assertThat(variables.stream().filter(variable -> variable.startsWith("CALLREC_CONSOLE_")).toList())
                .as("console settings in %s that the console's application.properties does not have", where)
                .isNotEmpty()
                .allMatch(known::contains);
    }

    /** The secret config/keycloak/callrec-realm.json gives a client. */
    private static String realmClientSecret(String clientId) throws IOException {
        JsonNode realm = JSON.readTree(ROOT.resolve("config/keycloak/callrec-realm.json").toFile());
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client.path("secret").asText();
            }
        }
        throw new AssertionError("the realm file has no client " + clientId);
    }

    private static JsonNode composeService(String name) {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isObject()).as("docker-compose.yml defines service %s", name).isTrue();
        return service;
    }

    /** environment as a map, whether written as a mapping or as a list of KEY=value. */
    private static Map<String, String> env(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            for (JsonNode item : environment) {
                String[] pair = item.asText().split("=", 2);
                env.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        } else {
            environment.fields().forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        }
        return env;
    }

    /** Published host port → container port, from short ("[ip:]host:container") or long syntax. */
    private static Map<Integer, Integer> publishedPorts(JsonNode service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (JsonNode port : service.path("ports")) {
            if (port.isObject()) {
                ports.put(port.path("published").asInt(), port.path("target").asInt());
            } else {
                String[] parts = port.asText().replaceFirst("/(tcp|udp)$", "").split(":");
                assertThat(parts.length).as("port %s publishes a host port", port.asText()).isGreaterThanOrEqualTo(2);
                ports.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
            }
        }
        return ports;
    }

    private static Map<String, String> dependsOn(JsonNode service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        JsonNode dependsOn = service.path("depends_on");
        if (dependsOn.isArray()) {
            dependsOn.forEach(dep -> conditions.put(dep.asText(), "service_started"));
        } else {
            dependsOn.fields().forEachRemaining(entry ->
                    conditions.put(entry.getKey(), entry.getValue().path("condition").asText("service_started")));
        }
        return conditions;
    }

    /** A command, entrypoint or healthcheck test, as one text whether written as a string or a list. */
    private static String commandText(JsonNode command) {
        return command.isArray() ? String.join("\n", textItems(command)) : command.asText();
    }

    private static List<String> textItems(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items;
    }

    private static String option(String commandLine, String option) {
        Matcher matcher = Pattern.compile("(?:^|\\s)" + Pattern.quote(option) + "[ =](\\S+)").matcher(commandLine);
        assertThat(matcher.find()).as("%s in: %s", option, commandLine).isTrue();
        return matcher.group(1);
    }

    /**
     * What the Compose Specification's schema (draft 7, kept at a pinned commit of
     * compose-spec/compose-spec in src/test/resources/schemas) finds wrong with a compose document.
     */
    private static Set<com.networknt.schema.ValidationMessage> composeSchemaErrors(JsonNode document) {
        // Loaded by its location, so that the schema's relative $id resolves against it.
        return com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
                .getSchema(com.networknt.schema.SchemaLocation.of("classpath:schemas/compose-spec.json"))
                .validate(document);
    }

    /** The names a container's envFrom takes from this kind of source (configMapRef or secretRef). */
    private static List<String> envFrom(JsonNode container, String ref) {
        List<String> names = new ArrayList<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has(ref)) {
                names.add(source.path(ref).path("name").asText());
            }
        }
        return names;
    }

    /**
     * local/config/kafka-acls.txt as "principal operation type name" lines, for the principals
     * kept, without the groups of the services' own tests.
     */
    private static Set<String> localAcls(Predicate<String> principals) throws IOException {
        Set<String> acls = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("local/config/kafka-acls.txt"))) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 4 && !line.startsWith("#") && principals.test(f[0])
                    && !(f[2].equals("group") && f[3].endsWith("-test"))) {
                acls.add(f[0] + " " + f[1] + " " + f[2] + " " + f[3]);
            }
        }
        return acls;
    }

    /** Every value of an option in a command line, in order. */
    private static List<String> all(String commandLine, String option) {
        Matcher matcher = Pattern.compile("(?:^|\\s)" + Pattern.quote(option) + "[ =](\\S+)").matcher(commandLine);
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    /**
     * minio-init's identities: access key → secret key, policy name, bucket actions, object actions
     * (from its lines {@code identity <user> <secret> <policy> '<bucket actions>' '<object actions>'}).
     */
    private static Map<String, String[]> minioIdentities() {
        String script = commandText(composeService("minio-init").path("command")).replace("\\\n", " ");
        Matcher identity = Pattern.compile("(?m)^identity (\\S+) (\\S+) (\\S+)\\s+'([^']*)'\\s+'([^']*)'").matcher(script);
        Map<String, String[]> identities = new TreeMap<>();
        while (identity.find()) {
            identities.put(identity.group(1), new String[] {identity.group(2), identity.group(3), identity.group(4), identity.group(5)});
        }
        assertThat(identities).as("identities made by minio-init").isNotEmpty();
        return identities;
    }

    /** The address the broker advertises on the listener its own network uses, for example kafka:9092. */
    private static String kafkaInternalListener() {
        Map<String, String> env = env(composeService("kafka"));
        String listenerName = env.getOrDefault("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
        Map<String, String> advertised = Stream.of(env.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").split(","))
                .map(String::strip)
                .filter(listener -> listener.contains("://"))
                .collect(Collectors.toMap(listener -> listener.substring(0, listener.indexOf("://")),
                        listener -> listener.substring(listener.indexOf("://") + 3)));
        String address = advertised.get(listenerName);
        assertThat(address).as("kafka advertises listener %s", listenerName).isNotNull();
        assertThat(address).as("inside the network the broker is reached by its service name").startsWith("kafka:");
        return address;
    }

    private static Manifest single(String kind, String name) {
        List<Manifest> found = manifests.stream()
                .filter(m -> m.kind().equals(kind))
                .filter(m -> name == null || m.name().equals(name))
                .toList();
        assertThat(found).as("%s %s under k8s/", kind, name == null ? "" : name).hasSize(1);
        return found.get(0);
    }

    private static JsonNode onlyContainer(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).as("containers of %s", deployment.path("metadata").path("name").asText()).hasSize(1);
        return containers.get(0);
    }

    private static Map<String, Integer> containerPorts(JsonNode container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (JsonNode port : container.path("ports")) {
            ports.put(port.path("name").asText(String.valueOf(port.path("containerPort").asInt())), port.path("containerPort").asInt());
        }
        return ports;
    }

    /** A port given by number or by the name of one of the container's ports. */
    private static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        Integer resolved = containerPorts(container).get(port.asText());
        assertThat(resolved).as("container port named %s", port.asText()).isNotNull();
        return resolved;
    }

    /** path:port of an HTTP probe. */
    private static String probe(JsonNode container, String probe) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertThat(httpGet.isObject()).as("%s is an HTTP probe", probe).isTrue();
        return httpGet.path("path").asText() + ":" + resolvePort(container, httpGet.path("port"));
    }

    private static JsonNode podLabels(String deployment) {
        return single("Deployment", deployment).node().path("spec").path("template").path("metadata").path("labels");
    }

    /** Whether a label selector (matchLabels and matchExpressions) selects pods with these labels. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        boolean[] all = {true};
        selector.path("matchLabels").fields().forEachRemaining(entry ->
                all[0] &= labels.path(entry.getKey()).asText().equals(entry.getValue().asText()) && labels.has(entry.getKey()));
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = textItems(expression.path("values"));
            all[0] &= switch (expression.path("operator").asText()) {
                case "In" -> labels.has(key) && values.contains(labels.path(key).asText());
                case "NotIn" -> !labels.has(key) || !values.contains(labels.path(key).asText());
                case "Exists" -> labels.has(key);
                case "DoesNotExist" -> !labels.has(key);
                default -> throw new AssertionError("unknown selector operator " + expression);
            };
        }
        return all[0];
    }

    /** The ports a policy's ingress rules open to sources that match. */
    private static Set<Integer> ingressRulesFrom(JsonNode policy, Predicate<JsonNode> source) {
        Set<Integer> ports = new HashSet<>();
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            if (source.test(rule)) {
                rule.path("ports").forEach(port -> ports.add(port.path("port").asInt()));
            }
        }
        return ports;
    }

    private static boolean hasNamespacePeer(JsonNode rule, String namespace) {
        for (JsonNode peer : rule.path("from")) {
            if (peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText().equals(namespace)) {
                return true;
            }
        }
        return false;
    }

    /** A rule that admits pods with these labels from the policy's own namespace. */
    private static boolean fromPodsOf(JsonNode rule, JsonNode labels) {
        for (JsonNode peer : rule.path("from")) {
            if (!peer.has("namespaceSelector") && !peer.has("ipBlock") && peer.has("podSelector")
                    && selects(peer.path("podSelector"), labels)) {
                return true;
            }
        }
        return false;
    }

    private static void assertSelects(JsonNode selector, JsonNode labels, String what) {
        assertThat(selector.isEmpty()).as("%s has a selector", what).isFalse();
        selector.fields().forEachRemaining(entry ->
                assertThat(labels.path(entry.getKey()).asText()).as("%s selects the pods by %s", what, entry.getKey())
                        .isEqualTo(entry.getValue().asText()));
    }
}
