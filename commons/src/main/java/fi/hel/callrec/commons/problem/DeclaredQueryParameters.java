package fi.hel.callrec.commons.problem;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.commons.lang3.StringUtils;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The one way every endpoint refuses a query parameter it does not know, or one given twice that
 * it takes once: the accepted ones are those its method declares ({@code @QueryParam} or
 * {@code @RestQuery}, also inside a {@code @BeanParam}); a collection or array may repeat. A 400 names each wrong one.
 */
@Provider
public class DeclaredQueryParameters implements ContainerRequestFilter {

    /** Name of each declared parameter, and whether it may repeat. */
    private static final Map<Method, Map<String, Boolean>> DECLARED = new ConcurrentHashMap<>();

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Map<String, Boolean> declared = DECLARED.computeIfAbsent(method, DeclaredQueryParameters::declared);
        List<Problem.FieldError> errors = new ArrayList<>();
        request.getUriInfo().getQueryParameters().forEach((name, values) -> {
            Boolean repeatable = declared.get(name);
            if (repeatable == null) {
                errors.add(new Problem.FieldError(StringUtils.truncate(name, 40), "unknown parameter"));
            } else if (!repeatable && values.size() > 1) {
                errors.add(new Problem.FieldError(name, "given " + values.size() + " times; give it once"));
            }
        });
        if (!errors.isEmpty()) {
            String wrong = errors.stream().map(e -> "'" + e.field() + "' " + e.message()).collect(Collectors.joining("; "));
            String accepted = declared.isEmpty() ? "none" : String.join(", ", declared.keySet());
            throw new ProblemException(400, "Query parameter " + wrong + ". Accepted: " + accepted + ".", errors);
        }
    }

    static Map<String, Boolean> declared(Method method) {
        Map<String, Boolean> names = new TreeMap<>();
        for (Parameter p : method.getParameters()) {
            collect(p, p.getName(), p.getType(), names);
        }
        return names;
    }

    private static void collect(AnnotatedElement element, String javaName, Class<?> type, Map<String, Boolean> names) {
        QueryParam query = element.getAnnotation(QueryParam.class);
        RestQuery restQuery = element.getAnnotation(RestQuery.class);
        String name = query != null ? query.value()
                : restQuery == null ? null : restQuery.value().isEmpty() ? javaName : restQuery.value();
        if (name != null) {
            names.put(name, type.isArray() || Collection.class.isAssignableFrom(type));
        } else if (element.isAnnotationPresent(BeanParam.class)) {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    collect(f, f.getName(), f.getType(), names);
                }
            }
        }
    }
}
