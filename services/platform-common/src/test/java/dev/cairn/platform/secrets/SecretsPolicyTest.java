package dev.cairn.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsPolicyTest {
    private static final String STRONG = "q3M9x0Jv-4kTz8Wc_Lr2Yb7N";

    @Test
    void generatedSecretsPass() {
        assertThat(SecretsPolicy.refusals(Map.of(
                        "quarkus.oidc-client.credentials.secret",
                        STRONG,
                        "quarkus.datasource.username",
                        "ingest_service",
                        "quarkus.datasource.password",
                        STRONG + "1",
                        "cairn.ingest.password",
                        STRONG + "2",
                        "cairn.storage.regions.eu-west-1.secret-key",
                        STRONG + "3",
                        "cairn.ingest.topic",
                        "cairn.data.v1")))
                .isEmpty();
    }

    @Test
    void publishedEmptyShortAndRoleNamedSecretsAreRefusedByKeyWithoutTheirValue() {
        assertThat(SecretsPolicy.refusals(Map.of(
                        "quarkus.oidc-client.credentials.secret", "cairn-local-ingest-service-secret",
                        "quarkus.keycloak.admin-client.client-secret", "",
                        "cairn.portal.session-secret", "short",
                        "quarkus.datasource.username", "tenant_service",
                        "quarkus.datasource.password", "tenant_service")))
                .containsExactlyInAnyOrder(
                        "quarkus.oidc-client.credentials.secret holds a published or guessable value (\"cairn-local\")",
                        "quarkus.keycloak.admin-client.client-secret is empty",
                        "cairn.portal.session-secret is shorter than 16 characters",
                        "quarkus.datasource.password is shorter than 16 characters",
                        "quarkus.datasource.password is its role's name")
                .noneMatch(r -> r.contains("tenant_service"));
    }

    @Test
    void settingsThatHoldNoSecretAreNotJudged() {
        assertThat(SecretsPolicy.refusals(Map.of("cairn.ingest.topic", "", "quarkus.http.port", "1")))
                .isEmpty();
    }
}
