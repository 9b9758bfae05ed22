package fi.hel.callrec.commons.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredQueryParametersTest {

    static class Filters {
        @QueryParam("from")
        String from;
        @QueryParam("flag")
        List<String> flags;
        @RestQuery
        String to;
        String notAParameter;
    }

    @SuppressWarnings("unused")
    static class Resource {
        void search(@BeanParam Filters filters, @QueryParam("limit") int limit, @PathParam("id") String id,
                @RestQuery("user") List<String> users) {
        }

        void none(@PathParam("id") String id) {
        }
    }

    @Test
    void aMethodAcceptsItsOwnAndItsBeanParametersAndOnlyCollectionsRepeat() throws Exception {
        var search = Resource.class.getDeclaredMethod("search", Filters.class, int.class, String.class, List.class);
        assertThat(DeclaredQueryParameters.declared(search))
                .isEqualTo(Map.of("from", false, "flag", true, "to", false, "limit", false, "user", true));
        var none = Resource.class.getDeclaredMethod("none", String.class);
        assertThat(DeclaredQueryParameters.declared(none)).isEmpty();
    }
}
