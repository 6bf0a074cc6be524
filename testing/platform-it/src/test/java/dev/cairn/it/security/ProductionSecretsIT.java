package dev.cairn.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.it.support.TestPlatform;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service in production (the profile the local platform runs too) does not start on a missing or published
 * secret (issue 17, item 2): each attempt below is a real start of the service's jar with one setting changed.
 */
class ProductionSecretsIT {

    @Test
    void aServiceWithoutItsKeycloakClientSecretDoesNotStart() {
        assertThat(attempt("scheduler", "cairn.keycloak.scheduler-service-secret", null))
                .contains("refusing to start")
                .contains("quarkus.oidc-client.credentials.secret is empty");
    }

    @Test
    void aServiceWithThePublishedLocalSecretDoesNotStart() {
        assertThat(attempt("recovery", "cairn.keycloak.recovery-service-secret", "cairn-local-recovery-service-secret"))
                .contains("refusing to start")
                .contains("quarkus.oidc-client.credentials.secret holds a published or guessable value")
                .doesNotContain("cairn-local-recovery-service-secret\"");
    }

    @Test
    void theTenantServiceWithoutItsKeyFileDoesNotStart() {
        assertThat(attempt("tenant", "cairn.keys.local-key-file", null))
                .contains("cairn.keys.local-key-file is required");
    }

    private static String attempt(String service, String key, String value) {
        Map<String, String> change = new HashMap<>();
        change.put(key, value);
        return TestPlatform.get()
                .tryStart(service, change)
                .orElseThrow(() -> new AssertionError(service + " started with " + key + " = " + value));
    }
}
