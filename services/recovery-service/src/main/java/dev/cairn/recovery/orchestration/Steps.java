package dev.cairn.recovery.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.api.agent.command.RestoreSpec;
import dev.cairn.recovery.RecoveryConfig;
import dev.cairn.recovery.fault.FaultPoints;
import dev.cairn.recovery.recovery.Change;
import dev.cairn.recovery.recovery.Recovery;
import dev.cairn.recovery.recovery.RecoveryPhase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * One step of a recovery in each state: what it does, and the change it records. A step that fails for a reason
 * that may pass (a service or region not answering) is retried with a doubling wait; only definite answers fail a
 * recovery.
 */
@ApplicationScoped
public class Steps {
    private static final Logger LOG = Logger.getLogger(Steps.class);
    private static final Duration FOLLOW = Duration.ofSeconds(1);

    private final Sources sources;
    private final Commands commands;
    private final RecoveryConfig config;
    private final FaultPoints faults;
    private final ObjectMapper json;

    public Steps(Sources sources, Commands commands, RecoveryConfig config, FaultPoints faults, ObjectMapper json) {
        this.sources = sources;
        this.commands = commands;
        this.config = config;
        this.faults = faults;
        this.json = json;
    }

    /** The step of a recovery in its current state. */
    public Change step(Recovery r) {
        try {
            return switch (r.phase()) {
                case Planned -> planned(r);
                case Staging -> staging(r);
                case Restoring -> restoring(r);
                case Verifying -> verifying(r);
                default -> throw new IllegalStateException("recovery " + r.id() + " has ended " + r.phase());
            };
        } catch (Sources.Gone e) {
            return Change.to(RecoveryPhase.Failed, "backup " + r.backupId() + " no longer exists");
        } catch (Commands.Refused e) {
            return Change.to(RecoveryPhase.Failed, "the restore command was refused: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf("recovery %s: %s step failed, retried: %s", r.id(), r.phase(), e.getMessage());
            return Change.retry(r.phase() + " step failed: " + e.getMessage(), config.retryBase());
        }
    }

    private Change planned(Recovery r) {
        faults.pass(FaultPoints.Point.RECOVERY_PLANNED);
        if (r.cancelRequested()) {
            return Change.to(RecoveryPhase.Cancelled, "cancelled by the tenant before it started");
        }
        return Change.to(RecoveryPhase.Staging, "looking for a region that holds backup " + r.backupId() + " whole");
    }

    private Change staging(Recovery r) {
        if (r.cancelRequested()) {
            return Change.to(RecoveryPhase.Cancelled, "cancelled by the tenant while staging");
        }
        Sources.Source source = sources.source(r.tenantId(), r.backupId());
        var regions = json.valueToTree(source.regions());
        if (!source.phase().restorable()) {
            return Change.to(
                            RecoveryPhase.Failed,
                            "backup " + r.backupId() + " is " + source.phase()
                                    + "; only Completed and PartiallyFailed backups restore")
                    .withRegion(null, regions);
        }
        SourceChoice choice = SourceChoice.choose(source.regions());
        if (choice.region() == null) {
            if (choice.mayPass() && waited(r).compareTo(config.stagingPatience()) < 0) {
                return Change.retry(choice.reason(), Duration.ofSeconds(5)).withRegion(null, regions);
            }
            return Change.to(RecoveryPhase.Failed, choice.reason()).withRegion(null, regions);
        }
        sources.pin(r.tenantId(), r.backupId(), choice.region(), Instant.now().plus(config.pinFor()));
        faults.pass(FaultPoints.Point.RECOVERY_STAGED);
        return Change.to(RecoveryPhase.Restoring, choice.reason()).withRegion(choice.region(), regions);
    }

    private Change restoring(Recovery r) {
        if (r.commandId() == null) {
            if (r.cancelRequested()) {
                sources.unpin(r.tenantId(), r.backupId());
                return Change.to(RecoveryPhase.Cancelled, "cancelled by the tenant before the restore was sent");
            }
            Commands.Command sent = commands.queueRestore(
                    r.tenantId(), r.targetClusterId(), r.id(), read(r.spec().toString(), RestoreSpec.class));
            faults.pass(FaultPoints.Point.RECOVERY_COMMAND_SENT);
            LOG.infof("recovery %s: RESTORE command %s queued for cluster %s", r.id(), sent.id(), r.targetClusterId());
            return Change.stay(FOLLOW).withCommand(sent.id());
        }
        Commands.Command c = commands.get(r.commandId());
        if (r.cancelRequested() && !c.phase().isFinal()) {
            c = commands.cancel(r.commandId());
        }
        return switch (c.phase()) {
            case Queued, Delivered -> {
                if (waited(r).compareTo(config.startPatience()) > 0) {
                    commands.cancel(r.commandId());
                    sources.unpin(r.tenantId(), r.backupId());
                    yield Change.to(
                            RecoveryPhase.Failed,
                            "the target cluster's agent did not start the restore within " + config.startPatience());
                }
                yield Change.stay(FOLLOW.multipliedBy(2));
            }
            case Running -> Change.stay(FOLLOW).withProgress(c.progress());
            case Completed, PartiallyFailed ->
                Change.to(
                                RecoveryPhase.Verifying,
                                "the agent's restore ended " + c.phase()
                                        + (c.message() == null ? "" : " (" + c.message() + ")"))
                        .withProgress(c.progress())
                        .withReport(c.report());
            case Failed -> {
                sources.unpin(r.tenantId(), r.backupId());
                yield Change.to(RecoveryPhase.Failed, "the agent's restore failed: " + c.message())
                        .withProgress(c.progress())
                        .withReport(c.report());
            }
            case Cancelled -> {
                sources.unpin(r.tenantId(), r.backupId());
                yield Change.to(
                                RecoveryPhase.Cancelled,
                                r.cancelRequested()
                                        ? "cancelled by the tenant while restoring"
                                        : "the restore command was cancelled on the cluster")
                        .withProgress(c.progress());
            }
        };
    }

    private Change verifying(Recovery r) {
        RestoreReport report = read(r.report().toString(), RestoreReport.class);
        Sources.Sample sample = sources.sample(r.tenantId(), r.backupId(), r.region(), config.sampleChunks());
        Verification v = Verification.of(report, sample, r.drill());
        faults.pass(FaultPoints.Point.RECOVERY_VERIFIED);
        sources.unpin(r.tenantId(), r.backupId());
        return Change.to(v.phase(), "verified: " + v.summary()).withVerification(json.valueToTree(v));
    }

    /** How long the recovery has been in its state. */
    private static Duration waited(Recovery r) {
        return Duration.between(r.phaseSince(), Instant.now());
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded " + type.getSimpleName() + " does not parse", e);
        }
    }
}
