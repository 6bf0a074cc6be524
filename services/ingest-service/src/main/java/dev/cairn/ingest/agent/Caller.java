package dev.cairn.ingest.agent;

import dev.cairn.platform.identity.TokenClaims;
import dev.cairn.platform.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls, from the validated token only: the tenant from its {@code tenant_id} claim, and for agents the cluster
 * from {@code cluster_id}, checked against the tenant service (a revoked agent is refused within the cache's TTL).
 */
@RequestScoped
public class Caller {
    private final TokenClaims claims;
    private final AgentDirectory agents;

    public Caller(JsonWebToken token, AgentDirectory agents) {
        this.claims = new TokenClaims(token::getClaim);
        this.agents = agents;
    }

    /** The caller's tenant (users and agents alike). */
    public UUID tenant() {
        return claims.tenantId();
    }

    /**
     * The tenant whose backups the caller reads: a user's, or, for an agent's token, its tenant once its cluster is
     * known to be active (a revoked agent reads nothing, whatever its token says).
     */
    public UUID readingTenant() {
        return claims.uuid(TokenClaims.CLUSTER_ID).isPresent() ? agent().tenantId() : tenant();
    }

    /** The calling agent, once its cluster is known to be active and of the token's tenant. */
    public AgentIdentity agent() {
        UUID tenant = claims.tenantId();
        UUID cluster = claims.clusterId();
        AgentIdentity agent = agents.find(cluster).orElse(null);
        if (agent == null || !agent.active() || !agent.tenantId().equals(tenant)) {
            throw new ProblemException(403, "agent-revoked", "Agent revoked", "this agent's access was revoked");
        }
        return agent;
    }
}
