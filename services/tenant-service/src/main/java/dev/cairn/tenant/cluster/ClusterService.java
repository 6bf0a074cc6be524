package dev.cairn.tenant.cluster;

import dev.cairn.api.agent.AgentCredentials;
import dev.cairn.api.agent.AgentIdentity;
import dev.cairn.api.agent.AgentRegistrationRequest;
import dev.cairn.api.agent.ClusterPhase;
import dev.cairn.api.agent.Heartbeat;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.fault.FaultPoints;
import dev.cairn.tenant.identity.UserDirectory;
import dev.cairn.tenant.keys.KeyEncryption;
import dev.cairn.tenant.keys.KeyPurpose;
import dev.cairn.tenant.keys.TenantKeyService;
import dev.cairn.tenant.tenant.Tenant;
import dev.cairn.tenant.tenant.TenantPhase;
import dev.cairn.tenant.tenant.TenantService;
import dev.cairn.tenant.usage.ConnectedClusters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Clusters, their registration tokens, agent registration, heartbeats and revocation. */
@ApplicationScoped
public class ClusterService {
    private static final Logger LOG = Logger.getLogger(ClusterService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TOKEN_PREFIX = "cairn_reg_";

    private final TenantService tenants;
    private final TenantKeyService keys;
    private final AgentMessaging messaging;
    private final UserDirectory directory;
    private final AgentsConfig config;
    private final ConnectedClusters usage;

    private final FaultPoints faults;
    private final Event<ClusterRevoked> revoked;

    public ClusterService(
            TenantService tenants,
            TenantKeyService keys,
            AgentMessaging messaging,
            UserDirectory directory,
            AgentsConfig config,
            ConnectedClusters usage,
            FaultPoints faults,
            Event<ClusterRevoked> revoked) {
        this.faults = faults;
        this.revoked = revoked;
        this.usage = usage;
        this.tenants = tenants;
        this.keys = keys;
        this.messaging = messaging;
        this.directory = directory;
        this.config = config;
    }

    /** A page of the tenant's clusters, oldest first. */
    public Page<ClusterView> list(UUID tenantId, String cursor, int limit) {
        return Page.of(Cluster.page(tenantId, Cursor.decode(cursor), limit + 1), limit, this::view, Cluster::cursor);
    }

    public ClusterView get(UUID tenantId, UUID clusterId) {
        return view(owned(tenantId, clusterId));
    }

    /** Adds a cluster and issues its first registration token. */
    @Transactional
    public ClusterCreated create(UUID tenantId, NewCluster request) {
        Tenant tenant = tenants.get(tenantId);
        TenantService.requireActive(tenant);
        if (Cluster.count("tenantId = ?1 and name = ?2 and phase <> ?3", tenantId, request.name(), ClusterPhase.Revoked)
                > 0) {
            throw ProblemException.conflict("a cluster named " + request.name() + " exists");
        }
        Instant now = Instant.now();
        Cluster cluster = new Cluster();
        cluster.id = UUID.randomUUID();
        cluster.tenantId = tenantId;
        cluster.name = request.name();
        cluster.phase = ClusterPhase.PendingRegistration;
        cluster.createdAt = now;
        cluster.updatedAt = now;
        cluster.persist();
        return new ClusterCreated(view(cluster), issueToken(cluster, now));
    }

    /** Issues a new registration token for a cluster whose agent has not registered; older tokens stop working. */
    @Transactional
    public Registration reissueToken(UUID tenantId, UUID clusterId) {
        Cluster cluster = owned(tenantId, clusterId);
        if (cluster.phase != ClusterPhase.PendingRegistration) {
            throw ProblemException.conflict("the cluster is " + cluster.phase + "; only a cluster waiting for its"
                    + " agent gets a registration token");
        }
        return reissueToken(cluster);
    }

    /**
     * The answer to a repeated creation (its {@code Idempotency-Key}): the cluster with a new registration token
     * while its agent has not registered (the first answer's token stops working), else without one.
     */
    @Transactional
    public ClusterCreated createdAgain(UUID tenantId, UUID clusterId) {
        Cluster cluster = owned(tenantId, clusterId);
        return new ClusterCreated(
                view(cluster), cluster.phase == ClusterPhase.PendingRegistration ? reissueToken(cluster) : null);
    }

    private Registration reissueToken(Cluster cluster) {
        Instant now = Instant.now();
        RegistrationToken.expireUnused(cluster.id, now);
        return issueToken(cluster, now);
    }

    private Registration issueToken(Cluster cluster, Instant now) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        RegistrationToken row = new RegistrationToken();
        row.tokenHash = RegistrationToken.hash(token);
        row.clusterId = cluster.id;
        row.createdAt = now;
        row.expiresAt = now.plus(config.registrationTokenLifetime());
        row.persist();
        String helm = "helm install cairn-agent " + config.chart()
                + " -n cairn-system --create-namespace --set registration.token=" + token
                + " --set platform.url=" + config.platformUrl();
        return new Registration(token, row.expiresAt, helm);
    }

    /**
     * Exchanges a registration token for the agent's credentials. The token works once; the credentials are made
     * before the token is marked used, so that an agent whose request failed can try again with it.
     */
    @Transactional
    public AgentCredentials register(AgentRegistrationRequest request) {
        KeyWrapping wrapping = KeyWrapping.forAgent(request.publicKey());
        Instant now = Instant.now();
        RegistrationToken token = RegistrationToken.findForUpdate(request.token())
                .filter(t -> t.usedAt == null && t.expiresAt.isAfter(now))
                .orElseThrow(() -> new ProblemException(
                        401,
                        "invalid-registration-token",
                        "Invalid registration token",
                        "the registration token is unknown, used or expired; create a new one in the portal"));
        Cluster cluster = Cluster.findById(token.clusterId);
        Tenant tenant = tenants.get(cluster.tenantId);
        if (cluster.phase != ClusterPhase.PendingRegistration || tenant.phase != TenantPhase.Active) {
            throw new ProblemException(
                    401,
                    "invalid-registration-token",
                    "Invalid registration token",
                    "the cluster of this token can no longer register");
        }

        String principal = cluster.agentPrincipal();
        AgentCredentials.Kafka kafka = messaging.grantWriter(principal);
        directory.deleteClient(principal); // a retried registration replaces the client of the failed one
        String clientSecret = directory.createAgentClient(principal, tenant.id, cluster.id);

        byte[] macKey = new byte[32];
        RANDOM.nextBytes(macKey);
        KeyEncryption.WrappedKey storedMac = keys.wrap(tenant.id, "agent-mac/" + cluster.id, macKey);
        Map<String, String> dataKeys = new LinkedHashMap<>();
        for (Map.Entry<KeyPurpose, byte[]> key : keys.open(tenant.id).entrySet()) {
            dataKeys.put(key.getKey().name(), wrapping.wrap(key.getValue()));
            Arrays.fill(key.getValue(), (byte) 0);
        }
        String wrappedMac = wrapping.wrap(macKey);
        Arrays.fill(macKey, (byte) 0);

        token.usedAt = now;
        cluster.phase = ClusterPhase.Connected;
        cluster.registeredAt = now;
        cluster.macKekId = storedMac.kekId();
        cluster.macKeyWrapped = storedMac.ciphertext();
        usage.connected(tenant.id, cluster.id);
        apply(cluster, request.facts(), now);
        LOG.infof("agent of cluster %s (tenant %s) registered", cluster.id, tenant.id);
        return new AgentCredentials(
                tenant.id,
                cluster.id,
                kafka,
                new AgentCredentials.ApiClient(config.tokenUrl(), principal, clientSecret, config.platformUrl()),
                KeyWrapping.ALGORITHM,
                wrappedMac,
                dataKeys);
    }

    /** The agent's identity for record authentication; 404 for an unknown cluster. */
    @Transactional
    public AgentIdentity agentIdentity(UUID clusterId) {
        Cluster cluster = Cluster.<Cluster>findByIdOptional(clusterId)
                .orElseThrow(() -> ProblemException.notFound("agent " + clusterId));
        Tenant tenant = Tenant.findById(cluster.tenantId);
        String mac = null;
        if (cluster.phase == ClusterPhase.Connected && cluster.macKeyWrapped != null) {
            byte[] key = keys.unwrap(
                    cluster.tenantId,
                    "agent-mac/" + cluster.id,
                    new KeyEncryption.WrappedKey(cluster.macKekId, cluster.macKeyWrapped));
            mac = Base64.getEncoder().encodeToString(key);
            Arrays.fill(key, (byte) 0);
        }
        return new AgentIdentity(cluster.id, cluster.tenantId, cluster.phase, mac, tenant.homeRegion);
    }

    /**
     * Records an agent's heartbeat; 403 once its cluster is revoked, whatever its token says. The write is
     * conditional on the cluster being connected still: a revocation that commits between the check and the write is
     * never undone by a heartbeat writing back the phase (or the MAC key) it read.
     */
    @Transactional
    public ClusterView heartbeat(UUID tenantId, UUID clusterId, Heartbeat heartbeat) {
        Cluster cluster = connected(tenantId, clusterId);
        faults.pass(FaultPoints.HEARTBEAT_BEFORE_WRITE);
        Instant now = Instant.now();
        int written = Cluster.update(
                "agentVersion = ?1, kubernetesVersion = ?2, nodeCount = ?3, namespaceCount = ?4,"
                        + " agentCapabilities = ?5, lastHeartbeatAt = ?6, updatedAt = ?6"
                        + " where id = ?7 and tenantId = ?8 and phase = ?9",
                heartbeat.agentVersion(),
                heartbeat.kubernetesVersion(),
                heartbeat.nodeCount(),
                heartbeat.namespaceCount(),
                capabilities(heartbeat),
                now,
                clusterId,
                tenantId,
                ClusterPhase.Connected);
        if (written == 0) {
            throw new ProblemException(403, "agent-revoked", "Agent revoked", "this agent's access was revoked");
        }
        Cluster.getEntityManager().refresh(cluster);
        return view(cluster);
    }

    /** The cluster of an agent's token, if it may still act; 403 when revoked. */
    public Cluster connected(UUID tenantId, UUID clusterId) {
        Cluster cluster = Cluster.findOwned(tenantId, clusterId)
                .orElseThrow(() -> new ProblemException(
                        403, "agent-revoked", "Agent revoked", "this agent's cluster does not exist"));
        if (cluster.phase != ClusterPhase.Connected) {
            throw new ProblemException(403, "agent-revoked", "Agent revoked", "this agent's access was revoked");
        }
        return cluster;
    }

    /**
     * Revokes a cluster's agent: the API refuses it at once, and its Kafka user and API client are removed (retried
     * by {@link RevocationReconciler} if that fails now).
     */
    public void revoke(UUID tenantId, UUID clusterId) {
        markRevoked(tenantId, clusterId);
        removeCredentials(clusterId);
    }

    @Transactional
    void markRevoked(UUID tenantId, UUID clusterId) {
        Cluster cluster = owned(tenantId, clusterId);
        if (cluster.phase != ClusterPhase.Revoked) {
            if (cluster.phase == ClusterPhase.Connected) {
                usage.disconnected(tenantId, clusterId);
            }
            Instant now = Instant.now();
            cluster.phase = ClusterPhase.Revoked;
            cluster.revokedAt = now;
            cluster.updatedAt = now;
            cluster.macKeyWrapped = null;
            RegistrationToken.expireUnused(clusterId, now);
            revoked.fire(new ClusterRevoked(tenantId, clusterId));
        }
    }

    /** Removes a revoked cluster's Kafka user and API client; true when both are gone. */
    public boolean removeCredentials(UUID clusterId) {
        String principal = Cluster.agentPrincipal(clusterId);
        try {
            messaging.revoke(principal);
            directory.deleteClient(principal);
        } catch (RuntimeException e) {
            LOG.warnf("credentials of cluster %s not removed yet (%s); will retry", clusterId, e.getMessage());
            return false;
        }
        markCredentialsRemoved(clusterId);
        return true;
    }

    @Transactional
    void markCredentialsRemoved(UUID clusterId) {
        Cluster cluster = Cluster.findById(clusterId);
        cluster.credentialsRemovedAt = Instant.now();
    }

    private Cluster owned(UUID tenantId, UUID clusterId) {
        return Cluster.findOwned(tenantId, clusterId)
                .orElseThrow(() -> ProblemException.notFound("cluster " + clusterId));
    }

    private static void apply(Cluster cluster, Heartbeat facts, Instant now) {
        cluster.agentVersion = facts.agentVersion();
        cluster.kubernetesVersion = facts.kubernetesVersion();
        cluster.nodeCount = facts.nodeCount();
        cluster.namespaceCount = facts.namespaceCount();
        cluster.agentCapabilities = capabilities(facts);
        cluster.lastHeartbeatAt = now;
        cluster.updatedAt = now;
    }

    private static String[] capabilities(Heartbeat facts) {
        return facts.capabilitiesOrNone().stream().distinct().toArray(String[]::new);
    }

    private ClusterView view(Cluster cluster) {
        boolean online = cluster.phase == ClusterPhase.Connected
                && cluster.lastHeartbeatAt != null
                && cluster.lastHeartbeatAt.isAfter(Instant.now().minus(config.onlineWithin()));
        return ClusterView.of(cluster, online);
    }
}
