package dev.cairn.tenant.cluster;

import dev.cairn.api.agent.ClusterPhase;
import dev.cairn.platform.page.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's Kubernetes cluster and what its agent last reported. */
@Entity
@Table(name = "cluster")
public class Cluster extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ClusterPhase phase;

    @Column(name = "agent_version")
    public String agentVersion;

    /** What its agent reported it can do beyond the v1 commands ({@code AgentCapabilities}); none before it did. */
    @Column(name = "agent_capabilities", nullable = false)
    public String[] agentCapabilities = new String[0];

    @Column(name = "kubernetes_version")
    public String kubernetesVersion;

    @Column(name = "node_count")
    public Integer nodeCount;

    @Column(name = "namespace_count")
    public Integer namespaceCount;

    @Column(name = "last_heartbeat_at")
    public Instant lastHeartbeatAt;

    @Column(name = "registered_at")
    public Instant registeredAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "credentials_removed_at")
    public Instant credentialsRemovedAt;

    @Column(name = "mac_kek_id")
    public String macKekId;

    @Column(name = "mac_key_wrapped")
    public byte[] macKeyWrapped;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether its agent reported the capability. */
    public boolean agentCan(String capability) {
        return java.util.Arrays.asList(agentCapabilities).contains(capability);
    }

    /** The cluster if it belongs to the tenant: another tenant's cluster is indistinguishable from none. */
    public static Optional<Cluster> findOwned(UUID tenantId, UUID clusterId) {
        return find("id = ?1 and tenantId = ?2", clusterId, tenantId).firstResultOptional();
    }

    public static List<Cluster> listOwned(UUID tenantId) {
        return list("tenantId = ?1 order by createdAt", tenantId);
    }

    /** A page of the tenant's clusters in creation order, after {@code after} (null: from the first). */
    public static List<Cluster> page(UUID tenantId, Cursor after, int limit) {
        Sort order = Sort.by("createdAt").and("id");
        var query = after == null
                ? find("tenantId = ?1", order, tenantId)
                : find(
                        "tenantId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3))",
                        order,
                        tenantId,
                        after.at(),
                        after.id());
        return query.page(0, limit).list();
    }

    /** Where a page that ends with this cluster goes on. */
    public String cursor() {
        return new Cursor(createdAt, id).encode();
    }

    /** Revoked clusters whose credentials could not be removed yet. */
    public static List<Cluster> revokedWithCredentials() {
        return list("phase = ?1 and credentialsRemovedAt is null", ClusterPhase.Revoked);
    }

    /** The name of the agent's Kafka user and API client. */
    public String agentPrincipal() {
        return agentPrincipal(id);
    }

    public static String agentPrincipal(UUID clusterId) {
        return "agent-" + clusterId;
    }
}
