package dev.cairn.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.platform.problem.ProblemException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenClaimsTest {
    private static final UUID TENANT = UUID.fromString("7e4a1c2b-0000-4000-8000-00000000000a");

    @Test
    void aWellFormedClaimIsItsId() {
        TokenClaims claims = new TokenClaims(Map.of("tenant_id", TENANT.toString())::get);
        assertThat(claims.tenantId()).isEqualTo(TENANT);
    }

    @Test
    void aMissingOrBlankClaimIsAbsentAndItsOperationForbidden() {
        TokenClaims claims = new TokenClaims(Map.of("tenant_id", " ")::get);
        assertThat(claims.uuid("tenant_id")).isEmpty();
        assertThat(claims.uuid("cluster_id")).isEmpty();
        assertThatThrownBy(claims::tenantId)
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.getMessage()).contains("tenant"));
        assertThatThrownBy(claims::clusterId).isInstanceOf(ProblemException.class);
        assertThatThrownBy(claims::partnerId).isInstanceOf(ProblemException.class);
    }

    @Test
    void aMalformedClaimIsRefusedNotIgnored() {
        TokenClaims claims = new TokenClaims(Map.of("cluster_id", "not-a-uuid")::get);
        assertThatThrownBy(() -> claims.uuid("cluster_id"))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("cluster_id");
        assertThatThrownBy(claims::clusterId).isInstanceOf(ProblemException.class);
    }
}
