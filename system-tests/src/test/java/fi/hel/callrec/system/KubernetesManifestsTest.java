package fi.hel.callrec.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every overlay under k8s/overlays as {@code kubectl kustomize} renders it, without a cluster:
 * each object valid against its kind's schema, unknown fields refused; probes on paths the
 * services serve; every setting a manifest gives a service one that service reads. Each check is
 * shown to fail on a broken copy.
 */
class KubernetesManifestsTest {

    static final List<String> OVERLAYS = List.of("k8s/overlays/dev", "k8s/overlays/production");
    /** What SmallRye Health serves: startup, readiness, liveness (and /q/health/well, not for probes). */
    private static final Set<String> PROBE_PATHS = Set.of("/q/health/started", "/q/health/ready", "/q/health/live");
    private static final List<String> SERVICES =
            List.of("ingest-service", "catalog-service", "access-service", "retention-service", "console");

    private static final Map<String, List<ObjectNode>> RENDERED = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws Exception {
        for (String overlay : OVERLAYS) {
            RENDERED.put(overlay, Manifests.render(overlay));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/production"})
    void everyObjectFollowsItsSchema(String overlay) {
        List<ObjectNode> objects = RENDERED.get(overlay);
        assertThat(objects).as("objects of %s", overlay).isNotEmpty();
        assertThat(objects.stream().flatMap(o -> Manifests.errors(o).stream()).toList()).as(overlay).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/production"})
    void probesUseThePathsTheServicesServeOnAPortTheyDeclare(String overlay) {
        for (ObjectNode deployment : deployments(overlay)) {
            assertThat(probeErrors(deployment)).as("%s in %s", Manifests.name(deployment), overlay).isEmpty();
        }
    }

    /**
     * A variable a container sets itself is one its service reads; a key of a ConfigMap the
     * containers take whole (envFrom) is one that at least one of the services taking it reads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/production"})
    void everySettingAManifestGivesIsOneAServiceReads(String overlay) throws IOException {
        Map<String, JsonNode> configMaps = RENDERED.get(overlay).stream().filter(o -> Manifests.kind(o).equals("ConfigMap"))
                .collect(Collectors.toMap(Manifests::name, o -> o.path("data")));
        Map<String, Set<String>> readByTakers = new java.util.HashMap<>();
        for (ObjectNode deployment : deployments(overlay)) {
            String service = Manifests.name(deployment);
            if (!SERVICES.contains(service)) {
                continue;
            }
            Set<String> read = settingsRead(service);
            for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
                container.path("env").forEach(env -> assertThat(read).as("%s in %s sets %s", service, overlay,
                        env.path("name").asText()).contains(env.path("name").asText()));
                for (JsonNode source : container.path("envFrom")) {
                    String map = source.path("configMapRef").path("name").asText(null);
                    if (map != null) {
                        assertThat(configMaps).as("ConfigMap %s of %s", map, service).containsKey(map);
                        readByTakers.computeIfAbsent(map, m -> new HashSet<>()).addAll(read);
                    }
                }
            }
        }
        assertThat(readByTakers).as("ConfigMaps taken whole in %s", overlay).isNotEmpty();
        readByTakers.forEach((map, read) -> configMaps.get(map).fieldNames().forEachRemaining(key ->
                assertThat(read).as("%s of ConfigMap %s in %s: read by a service that takes it", key, map, overlay).contains(key)));
    }

    @Test
    void aMisspeltFieldAStringForANumberAndAPathNoServiceServesAreCaught() {
        ObjectNode deployment = deployments("k8s/overlays/dev").get(0);
        assertThat(Manifests.errors(deployment)).as("the unbroken copy").isEmpty();

        ObjectNode misspelt = deployment.deepCopy();
        ObjectNode container = (ObjectNode) misspelt.path("spec").path("template").path("spec").path("containers").get(0);
        container.set("readinesProbe", container.remove("readinessProbe"));
        assertThat(Manifests.errors(misspelt)).as("readinesProbe").singleElement().asString().contains("readinesProbe");

        ObjectNode text = deployment.deepCopy();
        ((ObjectNode) text.path("spec")).put("replicas", "2");
        assertThat(Manifests.errors(text)).as("replicas: \"2\"").isNotEmpty();

        ObjectNode wrongPath = deployment.deepCopy();
        ((ObjectNode) wrongPath.path("spec").path("template").path("spec").path("containers").get(0)
                .path("readinessProbe").path("httpGet")).put("path", "/q/health/redy");
        assertThat(probeErrors(wrongPath)).as("a readiness path no service serves").isNotEmpty();
    }

    @Test
    void aCustomResourceWithAMisspeltFieldOrAWrongTypeIsCaught() {
        ObjectNode kafka = RENDERED.get("k8s/overlays/production").stream().filter(o -> Manifests.kind(o).equals("Kafka"))
                .findFirst().orElseThrow().deepCopy();
        assertThat(Manifests.errors(kafka)).as("the unbroken copy").isEmpty();

        ObjectNode misspelt = kafka.deepCopy();
        ObjectNode spec = (ObjectNode) misspelt.path("spec").path("kafka");
        spec.set("listners", spec.remove("listeners"));
        assertThat(Manifests.errors(misspelt)).as("listners, by the CRD's schema and by Strimzi's model")
                .anyMatch(e -> e.contains("(Strimzi api)") && e.contains("listners"))
                .anyMatch(e -> !e.contains("(Strimzi api)"));

        ObjectNode wrongType = kafka.deepCopy();
        ((ObjectNode) wrongType.path("spec").path("kafka").path("listeners").get(0)).put("port", "9093");
        assertThat(Manifests.errors(wrongType)).as("port: \"9093\"").isNotEmpty();
    }

    @Test
    void productionHasEveryTopicOfTheEventContractWithItsPartitionsAndRetention() throws IOException {
        Map<String, String> expected = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(Manifests.ROOT.resolve("local/config/topics.txt"))) {
            String[] f = line.strip().split("\\s+");
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.put(f[0], f[1] + " " + f[2]);
            }
        }
        Map<String, String> topics = new java.util.TreeMap<>();
        for (ObjectNode topic : objects("k8s/overlays/production", "KafkaTopic")) {
            JsonNode spec = topic.path("spec");
            String name = spec.path("topicName").asText(Manifests.name(topic));
            topics.put(name, spec.path("partitions").asText() + " " + spec.path("config").path("retention.ms").asText());
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).as(name).isEqualTo(kafkaCluster());
        }
        assertThat(topics).isEqualTo(expected);
    }

    @Test
    void productionKafkaIsKraftWithATlsListenerThatSignsEveryoneIn() {
        ObjectNode kafka = objects("k8s/overlays/production", "Kafka").get(0);
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        JsonNode spec = kafka.path("spec").path("kafka");
        assertThat(spec.path("listeners")).as("listeners").isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as("TLS on %s", listener.path("name").asText()).isTrue();
            assertThat(listener.path("authentication").path("type").asText()).isIn("scram-sha-512", "tls");
        });
        assertThat(spec.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(spec.path("config").path("auto.create.topics.enable").asText()).isEqualTo("false");
    }

    /**
     * Each service's database is its own CloudNativePG cluster, the operator's generated Secret
     * wired in by secretKeyRef; its Kafka password is the Secret Strimzi makes for its KafkaUser;
     * it trusts the cluster CA that Strimzi publishes.
     */
    @Test
    void productionWiresEachServiceToItsOwnDatabaseAndKafkaUserThroughTheOperatorsSecrets() {
        String overlay = "k8s/overlays/production";
        Map<String, String> databases = new java.util.HashMap<>();
        objects(overlay, "Cluster").forEach(c -> databases.put(Manifests.name(c) + "-app",
                c.path("spec").path("bootstrap").path("initdb").path("database").asText()));
        Set<String> kafkaUsers = objects(overlay, "KafkaUser").stream().map(Manifests::name).collect(Collectors.toSet());
        for (String service : SERVICES.subList(0, 4)) {
            ObjectNode deployment = deployments(overlay).stream().filter(d -> Manifests.name(d).equals(service)).findFirst().orElseThrow();
            Map<String, JsonNode> env = new java.util.HashMap<>();
            deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env")
                    .forEach(e -> env.put(e.path("name").asText(), e.path("valueFrom").path("secretKeyRef")));
            String jdbc = env.get("QUARKUS_DATASOURCE_JDBC_URL").path("name").asText();
            assertThat(databases).as("%s's database Secret %s is a Cluster's", service, jdbc)
                    .containsEntry(jdbc, "callrec_" + service.replace("-service", ""));
            for (String key : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")) {
                assertThat(env.get(key).path("name").asText()).as("%s %s", service, key).isEqualTo(jdbc);
            }
            assertThat(env.get("CALLREC_KAFKA_PASSWORD").path("name").asText()).as("%s's Kafka password", service)
                    .isEqualTo(service).isIn(kafkaUsers);
            assertThat(deployment.path("spec").path("template").path("spec").path("volumes"))
                    .anyMatch(v -> v.path("secret").path("secretName").asText().equals(kafkaCluster() + "-cluster-ca-cert"));
        }
    }

    /** The recordings bucket is made with object lock by the overlay; no hand step can be skipped. */
    @Test
    void productionMakesTheBucketWithObjectLock() {
        JsonNode config = objects("k8s/overlays/production", "ConfigMap").stream()
                .filter(c -> Manifests.name(c).equals("callrec-config")).findFirst().orElseThrow().path("data");
        String bucket = config.path("CALLREC_S3_BUCKET").asText();
        assertThat(config.path("CALLREC_S3_OBJECT_LOCK").asText()).isEqualTo("true");
        assertThat(objects("k8s/overlays/production", "Tenant")).singleElement()
                .satisfies(t -> assertThat(t.path("spec").path("buckets")).anyMatch(b ->
                        b.path("name").asText().equals(bucket) && b.path("objectLock").asBoolean()));
    }

    /** The production realm has no people, no client secrets and no password grant. */
    @Test
    void productionRealmHasNoTestUsersSecretsOrPasswordGrant() {
        JsonNode realm = objects("k8s/overlays/production", "KeycloakRealmImport").get(0).path("spec").path("realm");
        assertThat(realm.path("users")).allSatisfy(user -> {
            assertThat(user.path("username").asText()).startsWith("service-account-");
            assertThat(user.has("credentials")).isFalse();
        });
        assertThat(realm.path("clients")).isNotEmpty().allSatisfy(client -> {
            assertThat(client.has("secret")).as("%s has a secret in Git", client.path("clientId").asText()).isFalse();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(true)).as("%s: password grant",
                    client.path("clientId").asText()).isFalse();
            client.path("redirectUris").forEach(uri -> assertThat(uri.asText()).startsWith("https://"));
        });
    }

    /** Metrics, autoscaling and the way in: what the platform's Prometheus, HPA controller and gateway act on. */
    @Test
    void productionIsScrapedScaledAndRoutedOverTls() {
        String overlay = "k8s/overlays/production";
        assertThat(objects(overlay, "ServiceMonitor").stream().map(m -> m.path("spec").path("selector").path("matchLabels")
                .path("app.kubernetes.io/name").asText()).toList()).containsExactlyInAnyOrderElementsOf(SERVICES);
        assertThat(objects(overlay, "HorizontalPodAutoscaler").stream().map(h -> h.path("spec").path("scaleTargetRef")
                .path("name").asText()).toList()).containsExactlyInAnyOrder("ingest-service", "access-service");
        Set<String> routed = new HashSet<>();
        objects(overlay, "HTTPRoute").forEach(r -> r.path("spec").path("rules").forEach(rule ->
                rule.path("backendRefs").forEach(b -> routed.add(b.path("name").asText()))));
        assertThat(routed).contains("console", "ingest-service", "access-service");
        Set<String> hosts = new HashSet<>();
        objects(overlay, "HTTPRoute").forEach(r -> r.path("spec").path("hostnames").forEach(h -> hosts.add(h.asText())));
        Set<String> certified = new HashSet<>();
        objects(overlay, "Certificate").forEach(c -> c.path("spec").path("dnsNames").forEach(h -> certified.add(h.asText())));
        assertThat(certified).as("TLS for every routed host").containsAll(hosts);
        assertThat(objects(overlay, "NetworkPolicy")).anyMatch(p -> p.path("spec").path("policyTypes").toString().contains("Egress")
                && p.path("spec").path("egress").isMissingNode());
    }

    private static String kafkaCluster() {
        return Manifests.name(objects("k8s/overlays/production", "Kafka").get(0));
    }

    static List<ObjectNode> deployments(String overlay) {
        return RENDERED.get(overlay).stream().filter(o -> Manifests.kind(o).equals("Deployment")).toList();
    }

    static List<ObjectNode> objects(String overlay, String kind) {
        return RENDERED.get(overlay).stream().filter(o -> Manifests.kind(o).equals(kind)).toList();
    }

    /** Each probe's path is one the services serve, on a port the container declares (by name or number). */
    private static List<String> probeErrors(JsonNode deployment) {
        List<String> errors = new java.util.ArrayList<>();
        for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
            Set<String> ports = new HashSet<>();
            container.path("ports").forEach(p -> {
                ports.add(p.path("name").asText());
                ports.add(p.path("containerPort").asText());
            });
            for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                if (get.isMissingNode()) {
                    errors.add(probe + " missing");
                    continue;
                }
                if (!PROBE_PATHS.contains(get.path("path").asText())) {
                    errors.add(probe + " on " + get.path("path").asText() + ", which no service serves");
                }
                if (!ports.contains(get.path("port").asText())) {
                    errors.add(probe + " on port " + get.path("port").asText() + ", which the container does not declare");
                }
            }
        }
        return errors;
    }

    /**
     * The environment variables a service reads: every key of its application.properties (and, for
     * the four services, of callrec-commons' defaults) in the form MicroProfile Config maps a
     * variable to, whatever profile the key was written for.
     */
    static Set<String> settingsRead(String service) throws IOException {
        Set<String> keys = new HashSet<>(keysOf(Manifests.ROOT.resolve(service).resolve("src/main/resources/application.properties")));
        if (!service.equals("console")) {
            keys.addAll(keysOf(Manifests.ROOT.resolve("commons/src/main/resources/META-INF/microprofile-config.properties")));
        }
        return keys.stream().map(key -> key.replaceFirst("^%[^.]+\\.", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"))
                .collect(Collectors.toSet());
    }

    private static Set<String> keysOf(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties.stringPropertyNames();
    }
}
