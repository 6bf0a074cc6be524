package dev.cairn.portal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PlatformApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aProblemAnswerIsReadAsItsTitleDetailAndFields() throws Exception {
        ApiProblem p = PlatformApi.problem(
                400,
                JSON.readTree("{\"type\":\"https://cairn.dev/problems/validation\",\"title\":\"Invalid request\","
                        + "\"detail\":\"the request has 1 invalid field(s)\","
                        + "\"errors\":[{\"field\":\"signUp.request.email\",\"message\":\"must be an email\"}]}"));
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.title()).isEqualTo("Invalid request");
        assertThat(p.errors()).containsExactly(new ApiProblem.FieldError("signUp.request.email", "must be an email"));
    }

    @Test
    void anAnswerThatIsNoProblemStillSaysWhatHappened() {
        ApiProblem p = PlatformApi.problem(502, JSON.createObjectNode());
        assertThat(p.title()).isEqualTo("Platform unavailable");
        assertThat(p.detail()).isEqualTo("the API answered HTTP 502");
    }
}
