package fi.hel.callrec.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kubernetes manifests as {@code kubectl kustomize} renders an overlay, checked strictly: a kind of
 * the Kubernetes API is read into fabric8's model of it (no scalar coerced, no field left over), a
 * Strimzi kind into Strimzi's published API model the same way, and every custom resource is
 * validated against its CRD's schema, pinned under
 * {@code src/test/resources/schemas/crds} (SOURCES.md) and closed so that an unknown field is an error.
 */
final class Manifests {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

    /** The built-in kinds the overlays may use, by apiVersion and kind. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("batch/v1/CronJob", CronJob.class));

    /** Strimzi's kinds, read into Strimzi's own API model as well as checked against their CRDs. */
    private static final Map<String, Class<?>> STRIMZI = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** "2" is not 2 and "true" is not true, as the API server's strict decoding has it. */
    private static final ObjectMapper STRICT = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private Manifests() {
    }

    /** The objects {@code kubectl kustomize} renders for the folder under the project root. */
    static List<ObjectNode> render(String folder) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve(folder).toString()).redirectErrorStream(false).start();
        } catch (IOException missing) {
            throw new AssertionError("kubectl is needed to render " + folder + " (kubectl kustomize); .ci/run installs it", missing);
        }
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + folder + " failed: " + err);
        }
        List<ObjectNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(out)) {
            Iterator<ObjectNode> docs = YAML.readValues(parser, ObjectNode.class);
            docs.forEachRemaining(objects::add);
        }
        return objects;
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** What is wrong with the object against its kind's schema; empty when nothing is. */
    static List<String> errors(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String type = apiVersion + "/" + kind(object);
        String where = type + " " + name(object);
        Class<?> model = MODELS.get(type);
        if (model != null) {
            return modelErrors(object, model, where);
        }
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        if (!group.contains(".") || group.endsWith(".k8s.io") && !group.startsWith("gateway.")) {
            return List.of(where + ": a Kubernetes kind this test has no model for; add it to Manifests.MODELS");
        }
        String file = "schemas/crds/" + group + "_" + kind(object) + "_" + apiVersion.substring(apiVersion.indexOf('/') + 1) + ".json";
        JsonSchema schema = SCHEMAS.computeIfAbsent(file, Manifests::closedSchema);
        List<String> errors = new ArrayList<>(schema.validate(object).stream().map(message -> where + ": " + message.getMessage()).toList());
        if (STRIMZI.containsKey(type)) {
            errors.addAll(modelErrors(object, STRIMZI.get(type), where + " (Strimzi api)"));
        }
        return errors;
    }

    private static List<String> modelErrors(JsonNode object, Class<?> model, String where) {
        Object read;
        try {
            read = STRICT.treeToValue(object, model);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return List.of(where + ": " + e.getOriginalMessage());
        }
        List<String> errors = new ArrayList<>();
        leftOver(read, where, errors);
        return errors;
    }

    /** Fields the model does not know end in its additionalProperties: each is an error. */
    private static void leftOver(Object value, String path, List<String> errors) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                leftOver(item, path + "[" + i++ + "]", errors);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> leftOver(item, path + "." + key, errors));
            return;
        }
        String model = value.getClass().getPackageName();
        if (!model.startsWith("io.fabric8.kubernetes.api.model") && !model.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")
                    || Modifier.isStatic(getter.getModifiers())) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    errors.add(path + ": unknown field(s) " + unknown.keySet());
                }
            } else {
                leftOver(field, path + "." + Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4), errors);
            }
        }
    }

    /** The CRD's schema with every object that lists its properties closed to others, as the API server's strict validation. */
    private static JsonSchema closedSchema(String file) {
        try (InputStream in = Manifests.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new AssertionError("no pinned CRD schema " + file + " (src/test/resources/schemas/crds, SOURCES.md)");
            }
            ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(in);
            // The API server takes these three at the root of every object, whether a CRD lists them or not.
            ObjectNode root = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
            root.putObject("apiVersion").put("type", "string");
            root.putObject("kind").put("type", "string");
            root.putObject("metadata").put("type", "object");
            close(schema);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.forEach(Manifests::close);
        } else if (node.isArray()) {
            node.forEach(Manifests::close);
        }
    }
}
