package fi.hel.callrec.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Locks the wire shape of every event version. The listing derived from the record classes must
 * equal src/test/resources/schema/&lt;type&gt;.v&lt;version&gt;.fields, so a field cannot be renamed,
 * removed, retyped or added without someone deciding, in a reviewed file, what that does to
 * consumers.
 */
class SchemaLockTest {

    private static final String SCHEMA_DIR = "schema/";

    private static final Map<Class<?>, String> SCALAR_TYPES = Map.of(
            String.class, "string",
            UUID.class, "string:uuid",
            Instant.class, "string:date-time",
            OffsetDateTime.class, "string:date-time",
            int.class, "integer:int32",
            Integer.class, "integer:int32",
            long.class, "integer:int64",
            Long.class, "integer:int64",
            boolean.class, "boolean",
            Boolean.class, "boolean");

    static Stream<Class<?>> eventClasses() {
        // Permitted subclasses, so that a new event is locked without anyone remembering to list it here.
        return Stream.of(CallrecEvent.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventClasses")
    void fieldsMatchTheSchemaFileOfTheCurrentVersion(Class<?> eventClass) throws Exception {
        String type = (String) eventClass.getField("TYPE").get(null);
        int version = eventClass.getField("VERSION").getInt(null);
        String file = fileName(type, version);
        List<String> derived = describe(eventClass, "");

        List<String> locked = readSchemaFile(file);
        if (locked == null) {
            fail(eventClass.getSimpleName() + " is at version " + version + " but src/test/resources/" + file
                    + " does not exist. If you changed the fields of " + type + ", bump "
                    + eventClass.getSimpleName() + ".VERSION and add the file for the new version (keep the old"
                    + " ones); if you bumped the version, add the file. Its lines, derived from the class:\n"
                    + String.join("\n", derived));
        }

        Set<String> onlyInClass = difference(derived, locked);
        Set<String> onlyInFile = difference(locked, derived);
        if (!onlyInClass.isEmpty() || !onlyInFile.isEmpty()) {
            fail(eventClass.getSimpleName() + " no longer matches src/test/resources/" + file + ".\n"
                    + "  in the class, not in the file: " + onlyInClass + "\n"
                    + "  in the file, not in the class: " + onlyInFile + "\n"
                    + "Version " + version + " of " + type + " is published and consumers read it as the file says."
                    + " A rename, removal, type change or new required field breaks them: bump "
                    + eventClass.getSimpleName() + ".VERSION to " + (version + 1) + ", add src/test/resources/"
                    + fileName(type, version + 1) + " and keep " + file + "."
                    + " Only a new nullable field may stay in version " + version + ": append its line to " + file
                    + ". See events/README.md. Lines derived from the class:\n" + String.join("\n", derived));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventClasses")
    void noSchemaFileAheadOfTheVersion(Class<?> eventClass) throws Exception {
        String type = (String) eventClass.getField("TYPE").get(null);
        int version = eventClass.getField("VERSION").getInt(null);

        assertNull(readSchemaFile(fileName(type, version + 1)),
                () -> fileName(type, version + 1) + " exists but " + eventClass.getSimpleName() + ".VERSION is "
                        + version + ": bump the version together with the schema file");
    }

    @Test
    void serializedFieldsAreExactlyTheRecordComponents() throws Exception {
        // Guards the listing itself: a getter-like method or a Jackson annotation could add or rename a
        // JSON field that reflection over the components would not show.
        ObjectMapper plain = new ObjectMapper();
        for (CallrecEvent event : SampleEvents.allFullyPopulated()) {
            Set<String> fromJson = new TreeSet<>();
            collectPaths(plain.readTree(EventJson.write(event)), "", fromJson);
            Set<String> fromClass = describe(event.getClass(), "").stream()
                    .map(line -> line.substring(0, line.indexOf(' ')))
                    .collect(Collectors.toCollection(TreeSet::new));

            assertEquals(fromClass, fromJson, event.getClass().getSimpleName());
        }
    }

    private static String fileName(String type, int version) {
        return SCHEMA_DIR + type + ".v" + version + ".fields";
    }

    /** One line per JSON field, nested records flattened to dotted paths. */
    static List<String> describe(Class<?> recordClass, String prefix) {
        List<String> lines = new ArrayList<>();
        for (RecordComponent component : recordClass.getRecordComponents()) {
            // @JsonProperty on a component lands on the accessor (its @Target has no RECORD_COMPONENT).
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
            boolean required = property != null && property.required();
            String path = prefix + name;
            if (component.getType().isPrimitive() && !required) {
                fail(path + " in " + recordClass.getSimpleName() + " is primitive but not @JsonProperty(required = true):"
                        + " an absent value would silently read as 0 or false");
            }
            lines.add(path + " " + jsonType(component.getType(), component.getGenericType(), path)
                    + " " + (required ? "required" : "nullable"));
            if (component.getType().isRecord()) {
                lines.addAll(describe(component.getType(), path + "."));
            }
        }
        return lines;
    }

    private static String jsonType(Class<?> type, Type genericType, String path) {
        String scalar = SCALAR_TYPES.get(type);
        if (scalar != null) {
            return scalar;
        }
        if (type.isRecord()) {
            return "object";
        }
        if (List.class.isAssignableFrom(type) && genericType instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return "array<" + jsonType(element, element, path + "[]") + ">";
        }
        return fail("no JSON type known for " + genericType.getTypeName() + " at " + path
                + "; teach SchemaLockTest.jsonType how it is written");
    }

    private static List<String> readSchemaFile(String file) throws IOException {
        InputStream in = SchemaLockTest.class.getClassLoader().getResourceAsStream(file);
        if (in == null) {
            return null;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> String.join(" ", line.split("\\s+")))
                    .collect(Collectors.toList());
        }
    }

    private static Set<String> difference(List<String> from, List<String> minus) {
        Set<String> result = new TreeSet<>(from);
        minus.forEach(result::remove);
        return result;
    }

    private static void collectPaths(JsonNode node, String prefix, Set<String> paths) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix + field.getKey();
            paths.add(path);
            if (field.getValue().isObject()) {
                collectPaths(field.getValue(), path + ".", paths);
            }
        }
    }
}
