package dev.cairn.tenant.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.tenant.identity.PasswordHash;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;

/** A signup's password reaches Keycloak as the stored credential Keycloak itself writes: hash, salt, algorithm. */
class HashedCredentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void carriesTheHashInKeycloaksStoredFormAndNeverAPassword() throws Exception {
        PasswordHash hash = PasswordHash.of("correct-horse-battery", 27_500);

        CredentialRepresentation credential = KeycloakDirectory.hashed(hash);

        assertThat(credential.getType()).isEqualTo("password");
        assertThat(credential.getValue()).isNull();
        assertThat(credential.isTemporary()).isFalse();
        JsonNode secret = JSON.readTree(credential.getSecretData());
        assertThat(Base64.getDecoder().decode(secret.path("value").asText())).isEqualTo(hash.value());
        assertThat(Base64.getDecoder().decode(secret.path("salt").asText())).isEqualTo(hash.salt());
        JsonNode data = JSON.readTree(credential.getCredentialData());
        assertThat(data.path("algorithm").asText()).isEqualTo("pbkdf2-sha256");
        assertThat(data.path("hashIterations").asInt()).isEqualTo(27_500);
    }
}
