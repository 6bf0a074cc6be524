package dev.cairn.ingest.agent;

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
    private final JsonWebToken token;
    private final AgentDirectory agents;

    public Caller(JsonWebToken token, AgentDirectory agents) {
        this.token = token;
        this.agents = agents;
    }

    /** The caller's tenant (users and agents alike). */
    public UUID tenant() {
        return claim("tenant_id")
                .orElseThrow(() -> new ProblemException(
                        403, "no-tenant", "No tenant", "this operation needs a token of a tenant's user or agent"));
    }

    /** The calling agent, once its cluster is known to be active and of the token's tenant. */
    public AgentIdentity agent() {
        UUID tenant = claim("tenant_id").orElse(null);
        UUID cluster = claim("cluster_id").orElse(null);
        if (tenant == null || cluster == null) {
            throw new ProblemException(403, "not-an-agent", "Not an agent", "this operation needs an agent's token");
        }
        AgentIdentity agent = agents.find(cluster).orElse(null);
        if (agent == null || !agent.active() || !agent.tenantId().equals(tenant)) {
            throw new ProblemException(403, "agent-revoked", "Agent revoked", "this agent's access was revoked");
        }
        return agent;
    }

    private java.util.Optional<UUID> claim(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(UUID.fromString(String.valueOf(value)));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
