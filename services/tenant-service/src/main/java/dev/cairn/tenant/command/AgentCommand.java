package dev.cairn.tenant.command;

import dev.cairn.api.agent.command.CommandKind;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.platform.page.Cursor;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A command to one cluster's agent, with what the agent reported about it. */
@Entity
@Table(name = "agent_command")
public class AgentCommand extends PanacheEntityBase {
    @Id
    public UUID id;

    /**
     * Optimistic lock: a transaction that read the command before another changed it fails at commit, and {@code
     * CommandService} runs it again on the current state (a report never writes back a cancel it did not see).
     */
    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "cluster_id", nullable = false)
    public UUID clusterId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommandKind kind;

    /** The command's parameters as JSON (see docs/protocol.md, "Agent commands, v1"). */
    @Column(nullable = false)
    public String spec;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CommandPhase phase;

    @Column(name = "cancel_requested", nullable = false)
    public boolean cancelRequested;

    @Column(name = "requested_by")
    public String requestedBy;

    /** The policy whose schedule queued it, if one did. */
    @Column(name = "policy_id")
    public UUID policyId;

    /** The policy run or the recovery it is for: at most one command per run or recovery. */
    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The W3C trace context of the request that queued it, handed to the agent with it; null outside any trace. */
    @Column(name = "traceparent")
    public String traceparent;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(nullable = false)
    public int deliveries;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The agent's last progress report as JSON. */
    public String progress;

    /** The agent's final report as JSON. */
    public String report;

    public String message;

    /** The region whose bucket holds the file a BROWSE command sent for download. */
    @Column(name = "file_region")
    public String fileRegion;

    /** That file's length. */
    @Column(name = "file_bytes")
    public Long fileBytes;

    /** When the agent sent it. */
    @Column(name = "file_stored_at")
    public Instant fileStoredAt;

    /** When it was deleted (kept for {@code cairn.commands.download-keep}). */
    @Column(name = "file_deleted_at")
    public Instant fileDeletedAt;

    /** What the lifecycle changes, as it is now. */
    CommandLifecycle.State state() {
        return new CommandLifecycle.State(
                phase, deliveries, deliveredAt, leaseUntil, cancelRequested, startedAt, finishedAt, message);
    }

    /** Takes the state the lifecycle answered. */
    void apply(CommandLifecycle.State s, Instant now) {
        phase = s.phase();
        deliveries = s.deliveries();
        deliveredAt = s.deliveredAt();
        leaseUntil = s.leaseUntil();
        cancelRequested = s.cancelRequested();
        startedAt = s.startedAt();
        finishedAt = s.finishedAt();
        message = s.message();
        updatedAt = now;
    }

    /** One of the tenant's commands, if it is of that cluster. */
    static Optional<AgentCommand> findOwned(UUID tenantId, UUID clusterId, UUID id) {
        return AgentCommand.<AgentCommand>find("id = ?1 and tenantId = ?2 and clusterId = ?3", id, tenantId, clusterId)
                .firstResultOptional();
    }

    /** Commands whose downloadable file was stored before {@code before} and is not deleted yet, oldest first. */
    static List<AgentCommand> filesStoredBefore(Instant before, int limit) {
        return find("fileStoredAt < ?1 and fileDeletedAt is null order by fileStoredAt", before)
                .page(0, limit)
                .list();
    }

    /** A page of a cluster's commands, newest first, after {@code after} (null: from the newest). */
    static List<AgentCommand> latest(UUID tenantId, UUID clusterId, Cursor after, int limit) {
        Sort order = Sort.descending("createdAt", "id");
        var query = after == null
                ? AgentCommand.<AgentCommand>find("tenantId = ?1 and clusterId = ?2", order, tenantId, clusterId)
                : AgentCommand.<AgentCommand>find(
                        "tenantId = ?1 and clusterId = ?2 and (createdAt < ?3 or (createdAt = ?3 and id < ?4))",
                        order,
                        tenantId,
                        clusterId,
                        after.at(),
                        after.id());
        return query.page(0, limit).list();
    }

    /** Where a page that ends with this command goes on. */
    String cursor() {
        return new Cursor(createdAt, id).encode();
    }

    /**
     * Commands an agent may take now, oldest first, locked against a second poll: queued ones, and delivered ones
     * whose lease ran out (the agent restarted before it started them).
     */
    static List<AgentCommand> deliverable(UUID clusterId, Instant now, int limit) {
        return AgentCommand.<AgentCommand>find(
                        "clusterId = ?1 and (phase = ?2 or (phase = ?3 and leaseUntil < ?4)) order by createdAt",
                        clusterId,
                        CommandPhase.Queued,
                        CommandPhase.Delivered,
                        now)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED
                .page(0, limit)
                .list();
    }

    /** When the first lease of the cluster's delivered commands ends (one then goes out again); null for none. */
    static Instant nextLeaseEnd(UUID clusterId) {
        return getEntityManager()
                .createQuery(
                        "select min(c.leaseUntil) from AgentCommand c where c.clusterId = ?1 and c.phase = ?2",
                        Instant.class)
                .setParameter(1, clusterId)
                .setParameter(2, CommandPhase.Delivered)
                .getSingleResult();
    }

    /** Ids of a cluster's unfinished commands that the tenant asked to cancel. */
    static List<UUID> cancelRequested(UUID clusterId) {
        return AgentCommand.<AgentCommand>find(
                        "clusterId = ?1 and cancelRequested = true and phase in ?2",
                        clusterId,
                        List.of(CommandPhase.Delivered, CommandPhase.Running))
                .stream()
                .map(c -> c.id)
                .toList();
    }

    /** The command queued for a policy's run. */
    public static java.util.Optional<AgentCommand> findByRun(UUID runId) {
        return find("runId", runId).firstResultOptional();
    }
}
