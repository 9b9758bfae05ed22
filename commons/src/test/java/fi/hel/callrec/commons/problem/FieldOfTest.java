package fi.hel.callrec.commons.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

class FieldOfTest {

    record Requester(@NotBlank String name) {
    }

    record Register(@Valid Requester requester, @NotBlank String channel) {
    }

    @SuppressWarnings("unused")
    static class Resource {
        void register(@Valid Register in) {
        }

        void lastActivity(List<@NotBlank String> username) {
        }
    }

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private static List<String> fields(String method, Class<?> type, Object argument) throws Exception {
        return VALIDATOR.forExecutables()
                .validateParameters(new Resource(), Resource.class.getDeclaredMethod(method, type), new Object[] {argument})
                .stream().map(ProblemMappers::fieldOf).sorted().toList();
    }

    @Test
    void aBodysFieldIsNamedAsTheClientWroteIt() throws Exception {
        assertThat(fields("register", Register.class, new Register(new Requester(" "), "")))
                .containsExactly("channel", "requester.name");
    }

    @Test
    void aRepeatedParameterIsNamedWithItsPosition() throws Exception {
        assertThat(fields("lastActivity", List.class, List.of("a", " "))).containsExactly("username[1]");
    }
}
