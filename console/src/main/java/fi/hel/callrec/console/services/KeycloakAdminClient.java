package fi.hel.callrec.console.services;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Keycloak's admin API for the realm, read with the access-review client's own service-account
 * token, which may only view users and their roles (realm-management {@code view-users}).
 */
@RegisterRestClient(configKey = "keycloak-admin")
@RegisterProvider(ServiceProblems.class)
@OidcClientFilter("access-review")
@Produces(MediaType.APPLICATION_JSON)
public interface KeycloakAdminClient {

    @GET
    @Path("/users")
    List<Map<String, Object>> users(@RestQuery int first, @RestQuery int max, @RestQuery boolean briefRepresentation);

    @GET
    @Path("/users/{id}/role-mappings/realm/composite")
    List<Map<String, Object>> realmRoles(@PathParam("id") String userId);
}
