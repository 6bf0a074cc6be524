package dev.cairn.recovery.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.api.agent.ClusterPhase;
import dev.cairn.api.agent.command.RestoreSpec;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Takes recoveries (checked against the caller's own clusters and backups), and answers and cancels them. */
@ApplicationScoped
public class RecoveryService {
    private static final Logger LOG = Logger.getLogger(RecoveryService.class);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final RecoveryStore store;
    private final Clusters clusters;
    private final Backups backups;
    private final Policies policies;
    private final Validator validator;
    private final ObjectMapper json;

    public RecoveryService(
            RecoveryStore store,
            Clusters clusters,
            Backups backups,
            Policies policies,
            Validator validator,
            ObjectMapper json) {
        this.store = store;
        this.clusters = clusters;
        this.backups = backups;
        this.policies = policies;
        this.validator = validator;
        this.json = json;
    }

    /**
     * Records a Planned recovery for the tenant, once per Idempotency-Key: the target must be one of its clusters
     * that is not revoked, the backup one of its restorable backups (or its cluster must have a Completed one).
     */
    public RecoveryStore.Created create(UUID tenantId, String requestedBy, String idempotencyKey, NewRecovery request) {
        JsonNode asSent = json.valueToTree(request);
        if (idempotencyKey != null) {
            var earlier = store.earlier(tenantId, idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().request().equals(asSent)) {
                    throw ProblemException.idempotencyKeyReused(
                            "this Idempotency-Key was used with another request; use a new key for a new recovery");
                }
                return new RecoveryStore.Created(earlier.get().recovery(), false);
            }
        }
        Clusters.Target target = clusters.own(request.targetClusterId())
                .orElseThrow(() -> ProblemException.invalidField("targetClusterId", "not one of your clusters"));
        if (target.phase() == ClusterPhase.Revoked) {
            throw ProblemException.conflict(
                    "cluster " + request.targetClusterId() + " is revoked: its agent takes no more commands");
        }
        if (request.isDrill() && !target.canDrill()) {
            throw ProblemException.agentCannotDrill(target.id(), target.agentVersion());
        }
        Backups.Summary backup;
        String selector;
        if (request.backupId() != null) {
            backup = backups.own(request.backupId())
                    .orElseThrow(() -> ProblemException.invalidField("backupId", "not one of your backups"));
            selector = "backup";
        } else if (request.latestOfCluster() != null) {
            if (clusters.own(request.latestOfCluster()).isEmpty()) {
                throw ProblemException.invalidField("latestOfCluster", "not one of your clusters");
            }
            backup = backups.latestCompleted(request.latestOfCluster())
                    .orElseThrow(() -> ProblemException.conflict(
                            "cluster " + request.latestOfCluster() + " has no Completed backup to restore"));
            selector = "latest Completed of cluster " + request.latestOfCluster();
        } else {
            backup = latestOfPolicy(request.latestOfPolicy());
            selector = "latest Completed run of policy " + request.latestOfPolicy();
        }
        if (!backup.phase().restorable()) {
            throw new ProblemException(
                    409,
                    "backup-not-restorable",
                    "Backup not restorable",
                    "backup " + backup.id() + " is " + backup.phase()
                            + "; only Completed and PartiallyFailed backups restore");
        }
        RestoreSpec spec = request.spec(backup.id(), scratchPrefix());
        Set<ConstraintViolation<RestoreSpec>> violations = validator.validate(spec);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        String reason = "requested by " + requestedBy + ": " + (request.isDrill() ? "a drill of " : "")
                + "backup " + backup.id() + " of cluster " + backup.clusterId()
                + " (" + selector + ") into cluster " + request.targetClusterId();
        RecoveryStore.Created created = store.create(
                row(tenantId, requestedBy, idempotencyKey, asSent, backup.id(), selector, request, spec, reason));
        if (created.created()) {
            LOG.infof(
                    "recovery %s planned for tenant %s: %s", created.recovery().id(), tenantId, reason);
        }
        return created;
    }

    /** The backup of the policy's newest Completed run that still exists (one deleted by hand is passed over). */
    private Backups.Summary latestOfPolicy(UUID policyId) {
        List<UUID> made = policies.completedBackups(policyId)
                .orElseThrow(() -> ProblemException.invalidField("latestOfPolicy", "not one of your policies"));
        return made.stream()
                .map(backups::own)
                .flatMap(java.util.Optional::stream)
                .findFirst()
                .orElseThrow(() -> ProblemException.conflict(
                        "policy " + policyId + " has no Completed run whose backup still exists"));
    }

    private RecoveryStore.NewRow row(
            UUID tenantId,
            String requestedBy,
            String key,
            JsonNode asSent,
            UUID backup,
            String selector,
            NewRecovery request,
            RestoreSpec spec,
            String reason) {
        return new RecoveryStore.NewRow(
                tenantId,
                requestedBy,
                key,
                asSent,
                backup,
                selector,
                request.targetClusterId(),
                json.valueToTree(spec),
                request.isDrill(),
                reason);
    }

    /** A drill's scratch prefix: {@code drill-} and 6 random hex digits, then the namespace's own name. */
    private static String scratchPrefix() {
        byte[] token = new byte[3];
        RANDOM.nextBytes(token);
        return "drill-" + java.util.HexFormat.of().formatHex(token) + "-";
    }

    /**
     * Records a policy run's drill, once per run: the run's backup into the policy's drill cluster, every namespace of
     * the policy's under a scratch prefix, removed after. The cluster and the backup are checked as the drill runs
     * (the RESTORE command is refused for another tenant's cluster; Staging finds no backup of another tenant's).
     */
    public RecoveryView drill(PolicyDrill d) {
        NewRecovery request = new NewRecovery(
                d.backupId(),
                null,
                null,
                d.targetClusterId(),
                d.includeNamespaces(),
                null,
                null,
                null,
                null,
                true,
                null);
        String selector = "run " + d.runId() + " of policy " + d.policyId();
        String requestedBy = "policy " + d.policyId();
        RecoveryStore.Created created = store.create(row(
                d.tenantId(),
                requestedBy,
                "drill:" + d.runId(),
                json.valueToTree(d),
                d.backupId(),
                selector,
                request,
                request.spec(d.backupId(), scratchPrefix()),
                requestedBy + ": a drill of backup " + d.backupId() + " (" + selector + ") into cluster "
                        + d.targetClusterId()));
        if (created.created()) {
            LOG.infof(
                    "drill %s planned for policy %s of tenant %s",
                    created.recovery().id(), d.policyId(), d.tenantId());
        }
        return get(d.tenantId(), created.recovery().id());
    }

    /** One of the tenant's recoveries with its transitions; 404 for another tenant's. */
    public RecoveryView get(UUID tenantId, UUID id) {
        Recovery r = store.find(tenantId, id).orElseThrow(() -> ProblemException.notFound("recovery " + id));
        return RecoveryView.of(r, store.transitions(id));
    }

    /** A page of the tenant's recoveries, newest first: only drills, only real ones, or (null) both. */
    public Page<RecoveryView> page(UUID tenantId, Boolean drill, String cursor, int limit) {
        List<Recovery> rows = store.page(tenantId, drill, Cursor.decode(cursor), limit + 1);
        List<RecoveryView> items =
                rows.stream().limit(limit).map(r -> RecoveryView.of(r, null)).toList();
        String next = rows.size() > limit
                ? new Cursor(
                                rows.get(limit - 1).createdAt(),
                                rows.get(limit - 1).id())
                        .encode()
                : null;
        return new Page<>(items, next);
    }

    /**
     * Asks to cancel one of the tenant's recoveries: the state machine stops it at its next step (a restore in
     * progress is cancelled on the agent). 409 when it has ended.
     */
    public RecoveryView cancel(UUID tenantId, UUID id) {
        Recovery r = store.requestCancel(tenantId, id).orElseThrow(() -> ProblemException.notFound("recovery " + id));
        if (r.phase().isFinal()) {
            throw ProblemException.conflict("recovery " + id + " has ended " + r.phase() + "; nothing to cancel");
        }
        return RecoveryView.of(r, store.transitions(id));
    }
}
