package fi.hel.callrec.commons.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    enum Purpose {
        @JsonProperty("quality") QUALITY,
        @JsonProperty("complaint") COMPLAINT
    }

    record Request(Purpose purpose, int limit) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static ProblemException problemOf(String body) {
        JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> JSON.readValue(body, Request.class));
        return ProblemMappers.fromJson(e, null);
    }

    @Test
    void aWrongEnumValueNamesTheFieldAndTheAllowedValuesButNotTheInput() {
        Problem problem = problemOf("{\"purpose\":\"secret-caller-text\"}").problem();
        assertThat(problem.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("purpose");
            assertThat(error.message()).isEqualTo("must be one of quality, complaint");
        });
        assertThat(problem.detail()).doesNotContain("secret-caller-text");
    }

    @Test
    void anUnknownFieldAndAWrongTypeAreNamed() {
        assertThat(problemOf("{\"purpos\":\"quality\"}").problem().errors())
                .singleElement().isEqualTo(new Problem.FieldError("purpos", "is not a field of this request"));
        assertThat(problemOf("{\"limit\":\"many\"}").problem().errors())
                .singleElement().isEqualTo(new Problem.FieldError("limit", "must be a whole number"));
    }
}
