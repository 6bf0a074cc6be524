package dev.cairn.tenant.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.api.agent.AgentCapabilities;
import dev.cairn.api.agent.ClusterPhase;
import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.api.agent.command.BrowseReport;
import dev.cairn.api.agent.command.BrowseSpec;
import dev.cairn.api.agent.command.CommandKind;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.api.agent.command.Delivery;
import dev.cairn.api.agent.command.RestoreSpec;
import dev.cairn.api.agent.command.StatusReport;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.platform.trace.CurrentTrace;
import dev.cairn.tenant.cluster.Cluster;
import dev.cairn.tenant.cluster.ClusterService;
import dev.cairn.tenant.fault.FaultPoints;
import dev.cairn.tenant.tenant.Tenant;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/** Queues commands for agents, hands them out on polls, and records what agents report. */
@ApplicationScoped
public class CommandService {
    private static final Logger LOG = Logger.getLogger(CommandService.class);
    private static final int PER_POLL = 10;

    private final ClusterService clusters;
    private final CommandSignals signals;
    private final CommandsConfig config;
    private final ObjectMapper json;
    private final CommandFileStore files;
    private final FaultPoints faults;
    private final CommandNotifications notifications;

    public CommandService(
            ClusterService clusters,
            CommandSignals signals,
            CommandsConfig config,
            ObjectMapper json,
            CommandFileStore files,
            FaultPoints faults,
            CommandNotifications notifications) {
        this.faults = faults;
        this.notifications = notifications;
        this.clusters = clusters;
        this.signals = signals;
        this.config = config;
        this.json = json;
        this.files = files;
    }

    /** Queues a command for one of the tenant's clusters (not a revoked one). */
    public CommandView create(UUID tenantId, UUID clusterId, String requestedBy, NewCommand request) {
        return queue(tenantId, clusterId, requestedBy, request, null, null);
    }

    /**
     * Queues the BACKUP command of a policy's run, once: a repeated run id (the scheduler retrying after a crash)
     * answers the command the first call queued.
     */
    public CommandView createScheduled(ScheduledCommand request) {
        return once(
                request.runId(),
                () -> queue(
                        request.tenantId(),
                        request.clusterId(),
                        "policy " + request.policyId(),
                        new NewCommand(CommandKind.BACKUP, request.backup(), null),
                        request.policyId(),
                        request.runId()));
    }

    /**
     * Queues the RESTORE command of a recovery, once: a repeated recovery id (the recovery service resuming after a
     * crash) answers the command the first call queued.
     */
    public CommandView createRecovery(RecoveryCommand request) {
        return once(
                request.recoveryId(),
                () -> queue(
                        request.tenantId(),
                        request.clusterId(),
                        "recovery " + request.recoveryId(),
                        new NewCommand(CommandKind.RESTORE, null, request.restore()),
                        null,
                        request.recoveryId()));
    }

    /** The command queued for {@code requestId} (a run or a recovery), queueing it when there is none yet. */
    private CommandView once(UUID requestId, java.util.function.Supplier<CommandView> queue) {
        var earlier = AgentCommand.findByRun(requestId);
        if (earlier.isPresent()) {
            return view(earlier.get());
        }
        try {
            return queue.get();
        } catch (RuntimeException e) {
            // two calls for one request at once: the unique request id let one of them in
            return AgentCommand.findByRun(requestId).map(this::view).orElseThrow(() -> e);
        }
    }

    /** Any tenant's command, for the service that queued it. */
    public CommandView getAny(UUID commandId) {
        return AgentCommand.<AgentCommand>findByIdOptional(commandId)
                .map(this::view)
                .orElseThrow(() -> ProblemException.notFound("command " + commandId));
    }

    /** Cancels any tenant's command, for the service that queued it. */
    public CommandView cancelAny(UUID commandId) {
        AgentCommand c = AgentCommand.<AgentCommand>findByIdOptional(commandId)
                .orElseThrow(() -> ProblemException.notFound("command " + commandId));
        return cancel(c.tenantId, c.clusterId, commandId);
    }

    private CommandView queue(
            UUID tenantId, UUID clusterId, String requestedBy, NewCommand request, UUID policyId, UUID runId) {
        CommandView view = QuarkusTransaction.requiringNew().call(() -> {
            Cluster cluster = Cluster.findOwned(tenantId, clusterId)
                    .orElseThrow(() -> ProblemException.notFound("cluster " + clusterId));
            if (cluster.phase == ClusterPhase.Revoked) {
                throw ProblemException.conflict("the cluster's agent is revoked: it takes no more commands");
            }
            if (request.restore() != null
                    && request.restore().needsDrillCapability()
                    && !cluster.agentCan(AgentCapabilities.RESTORE_DRILL)) {
                throw ProblemException.agentCannotDrill(cluster.id, cluster.agentVersion);
            }
            if (request.browse() != null && !cluster.agentCan(AgentCapabilities.BROWSE)) {
                throw ProblemException.agentLacks(
                        cluster.id, cluster.agentVersion, AgentCapabilities.BROWSE, "read a backup's files for you");
            }
            Instant now = Instant.now();
            AgentCommand c = new AgentCommand();
            c.id = UUID.randomUUID();
            c.tenantId = tenantId;
            c.clusterId = clusterId;
            c.kind = request.kind();
            c.spec = write(request.spec());
            c.phase = CommandPhase.Queued;
            c.requestedBy = requestedBy;
            c.policyId = policyId;
            c.runId = runId;
            c.createdAt = now;
            c.updatedAt = now;
            c.traceparent = CurrentTrace.traceparent().orElse(null);
            c.persist();
            CommandNotifications.commandsChanged(AgentCommand.getEntityManager(), clusterId);
            LOG.infof("command %s (%s) queued for cluster %s of tenant %s", c.id, c.kind, clusterId, tenantId);
            return view(c);
        });
        signals.signal(clusterId);
        return view;
    }

    /** A page of the cluster's commands, newest first. */
    public Page<CommandView> list(UUID tenantId, UUID clusterId, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor);
        return QuarkusTransaction.requiringNew().call(() -> {
            Cluster.findOwned(tenantId, clusterId).orElseThrow(() -> ProblemException.notFound("cluster " + clusterId));
            return Page.of(
                    AgentCommand.latest(tenantId, clusterId, after, limit + 1),
                    limit,
                    this::view,
                    AgentCommand::cursor);
        });
    }

    public CommandView get(UUID tenantId, UUID clusterId, UUID commandId) {
        return QuarkusTransaction.requiringNew().call(() -> view(owned(tenantId, clusterId, commandId)));
    }

    /**
     * Cancels a command: one not yet delivered is cancelled at once; one the agent has is marked, and the agent is
     * told on its next poll or progress report (it then reports CANCELLED). A finished command answers 409.
     */
    public CommandView cancel(UUID tenantId, UUID clusterId, UUID commandId) {
        CommandView view = onCurrentState(() -> {
            AgentCommand c = owned(tenantId, clusterId, commandId);
            Instant now = Instant.now();
            c.apply(CommandLifecycle.cancel(c.state(), now), now);
            CommandNotifications.commandsChanged(AgentCommand.getEntityManager(), clusterId);
            return view(c);
        });
        signals.signal(clusterId);
        return view;
    }

    /**
     * An agent's poll: hands out what it may start now, and the ids it should cancel; when there is nothing, waits up
     * to {@code wait} for something to arrive, and gives up as soon as {@code stillListening} says the agent is gone
     * (so a dead connection takes nothing; a command taken just before the agent went comes back after its lease).
     */
    public Delivery poll(UUID tenantId, UUID clusterId, Duration wait, BooleanSupplier stillListening) {
        Duration bounded = wait.compareTo(config.maxWait()) > 0 ? config.maxWait() : wait;
        Instant deadline = Instant.now().plus(bounded);
        long ticket = signals.begin(clusterId);
        notifications.pollBegan(clusterId);
        while (true) {
            if (!stillListening.getAsBoolean()) {
                // its agent went away: nothing is taken for this poll
                return new Delivery(List.of(), List.of(), config.lease().toSeconds());
            }
            if (!signals.current(clusterId, ticket)) {
                // a newer poll of the cluster waits now (one poll per cluster)
                return new Delivery(List.of(), List.of(), config.lease().toSeconds(), true);
            }
            long seen = signals.seen(clusterId);
            Taken taken = lookedAt(tenantId, clusterId);
            Delivery delivery = taken.delivery();
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (!delivery.commands().isEmpty() || !delivery.cancel().isEmpty() || left <= 0) {
                return delivery;
            }
            try {
                // until a notification, the recheck, or the end of a lease (whose command is then delivered again)
                long sleep = Math.min(left, config.recheck().toMillis());
                Instant leaseEnd = taken.nextLeaseEnd();
                if (leaseEnd != null) {
                    sleep = Math.min(
                            sleep,
                            Math.max(
                                    1, Duration.between(Instant.now(), leaseEnd).toMillis() + 1));
                }
                signals.await(clusterId, seen, sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return delivery;
            }
            if (signals.seen(clusterId) == seen
                    && !Instant.now().isBefore(deadline)
                    && (taken.nextLeaseEnd() == null || taken.nextLeaseEnd().isAfter(Instant.now()))) {
                // the wait ended with nothing new (no notification, no lease run out): the empty answer needs no
                // second look at the database, and the agent's next poll begins with one (one transaction per idle
                // poll, not three with the lease-end read: the agent control-plane load test, ADR 0027)
                return delivery;
            }
        }
    }

    /** What a poll took, and when the next lease of one of the cluster's delivered commands ends (null: none). */
    private record Taken(Delivery delivery, Instant nextLeaseEnd) {
        boolean nothingToDo() {
            return delivery.commands().isEmpty() && delivery.cancel().isEmpty() && nextLeaseEnd == null;
        }
    }

    /**
     * What a poll takes now: nothing, without a look at the database, while the cluster is known to have nothing to
     * do (found so since its last change, notifications heard all the while, within {@code cairn.commands.quiet-for});
     * otherwise what {@link #take} finds, remembered when it is nothing.
     */
    private Taken lookedAt(UUID tenantId, UUID clusterId) {
        if (notifications.listening() && signals.quiet(clusterId)) {
            return new Taken(new Delivery(List.of(), List.of(), config.lease().toSeconds()), null);
        }
        long changes = signals.changes(clusterId); // before the look: a change during it is not taken for quiet
        Taken taken = onCurrentState(() -> take(tenantId, clusterId));
        if (taken.nothingToDo()) {
            signals.markQuiet(clusterId, changes, config.quietFor().toNanos());
        }
        return taken;
    }

    private Taken take(UUID tenantId, UUID clusterId) {
        clusters.connected(tenantId, clusterId); // 403 once revoked, whatever the token says
        Instant now = Instant.now();
        List<Delivery.Command> commands = new ArrayList<>();
        for (AgentCommand c : AgentCommand.deliverable(clusterId, now, PER_POLL)) {
            c.apply(CommandLifecycle.deliver(c.state(), now, config.lease(), config.maxDeliveries()), now);
            if (c.phase == CommandPhase.Delivered) {
                commands.add(new Delivery.Command(
                        c.id,
                        c.kind,
                        c.kind == CommandKind.BACKUP ? read(c.spec, BackupSpec.class) : null,
                        c.kind == CommandKind.RESTORE ? read(c.spec, RestoreSpec.class) : null,
                        c.kind == CommandKind.BROWSE ? read(c.spec, BrowseSpec.class) : null,
                        c.traceparent));
            }
        }
        return new Taken(
                new Delivery(
                        commands,
                        AgentCommand.cancelRequested(clusterId),
                        config.lease().toSeconds()),
                AgentCommand.nextLeaseEnd(clusterId));
    }

    /** Records an agent's report on one of its commands; answers whether the tenant asked to cancel it. */
    public StatusReport.Answer report(UUID tenantId, UUID clusterId, UUID commandId, StatusReport status) {
        return onCurrentState(() -> {
            clusters.connected(tenantId, clusterId);
            AgentCommand c = owned(tenantId, clusterId, commandId);
            if ((status.backup() != null && c.kind != CommandKind.BACKUP)
                    || (status.restore() != null && c.kind != CommandKind.RESTORE)
                    || (status.browse() != null && c.kind != CommandKind.BROWSE)) {
                throw ProblemException.badRequest("a " + c.kind + " command's report is the "
                        + c.kind.name().toLowerCase() + " report");
            }
            if (status.phase() == CommandPhase.Completed
                    && c.kind == CommandKind.BROWSE
                    && read(c.spec, BrowseSpec.class).download()
                    && c.fileStoredAt == null) {
                throw ProblemException.conflict("send the file (PUT …/file) before reporting the download Completed");
            }
            Instant now = Instant.now();
            c.apply(CommandLifecycle.report(c.state(), status.phase(), status.message(), now), now);
            if (status.progress() != null) {
                c.progress = write(status.progress());
            }
            if (status.backup() != null || status.restore() != null || status.browse() != null) {
                c.report = write(
                        status.backup() != null
                                ? status.backup()
                                : status.restore() != null ? status.restore() : status.browse());
            }
            if (c.phase.isFinal()) {
                LOG.infof("command %s of cluster %s ended %s", c.id, clusterId, c.phase);
            }
            faults.pass(FaultPoints.REPORT_BEFORE_COMMIT);
            return new StatusReport.Answer(CommandLifecycle.cancelPending(c.state()));
        });
    }

    /** Attempts of a transaction that lost a race on a command before it gives up with a 409. */
    private static final int ATTEMPTS = 5;

    /**
     * Runs {@code work} in a transaction of its own; when another transaction changed one of its commands after it
     * read them (the optimistic lock of {@link AgentCommand#version}), runs it again, so that it decides on the current
     * state: a report never writes back the state it read over a cancel that committed meanwhile, a poll never
     * delivers a command cancelled meanwhile.
     */
    private <T> T onCurrentState(java.util.concurrent.Callable<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (RuntimeException e) {
                if (!lostRace(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    throw ProblemException.conflict("the command kept changing while this request ran; try again");
                }
                LOG.debugf("a command changed under a transaction (attempt %d): running it again", attempt);
            }
        }
    }

    /** Whether {@code e} is (or was caused by) an optimistic lock failure. */
    static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Stores the file a running BROWSE download of the agent's cluster read ({@code length} bytes of
     * {@code content}) in the tenant's home region; 404 for another cluster's command, 409 for any other command or
     * one that is not running, 413 over {@link BrowseSpec#MAX_DOWNLOAD_BYTES}.
     */
    public void storeFile(UUID tenantId, UUID clusterId, UUID commandId, InputStream content, long length) {
        if (length > BrowseSpec.MAX_DOWNLOAD_BYTES) {
            throw new ProblemException(
                    413,
                    "file-too-large",
                    "File too large",
                    "a download sends at most " + BrowseSpec.MAX_DOWNLOAD_BYTES + " bytes");
        }
        String region = QuarkusTransaction.requiringNew().call(() -> {
            clusters.connected(tenantId, clusterId);
            AgentCommand c = owned(tenantId, clusterId, commandId);
            if (c.kind != CommandKind.BROWSE || !read(c.spec, BrowseSpec.class).download()) {
                throw ProblemException.conflict("command " + commandId + " is not a download");
            }
            if (c.phase != CommandPhase.Running) {
                throw ProblemException.conflict("command " + commandId + " is " + c.phase + ", not Running");
            }
            return Tenant.<Tenant>findByIdOptional(tenantId)
                    .map(t -> t.homeRegion)
                    .orElseThrow(() -> ProblemException.notFound("tenant " + tenantId));
        });
        files.put(region, tenantId, commandId, content, length);
        onCurrentState(() -> {
            AgentCommand c = owned(tenantId, clusterId, commandId);
            c.fileRegion = region;
            c.fileBytes = length;
            c.fileStoredAt = Instant.now();
            c.fileDeletedAt = null;
            return null;
        });
    }

    /**
     * The file of one of the tenant's completed BROWSE downloads; 404 for another tenant's command, 409 before the
     * agent has sent it, 410 once it is deleted (kept {@code cairn.commands.download-keep}).
     */
    public CommandFile file(UUID tenantId, UUID clusterId, UUID commandId) {
        AgentCommand c = QuarkusTransaction.requiringNew().call(() -> owned(tenantId, clusterId, commandId));
        if (c.kind != CommandKind.BROWSE || !read(c.spec, BrowseSpec.class).download()) {
            throw ProblemException.notFound("file of command " + commandId);
        }
        if (c.fileDeletedAt != null) {
            throw new ProblemException(
                    410,
                    "download-expired",
                    "Download expired",
                    "the file was kept until " + c.fileDeletedAt + "; ask for it again");
        }
        if (c.phase != CommandPhase.Completed || c.fileStoredAt == null) {
            throw new ProblemException(
                    409, "download-not-ready", "Download not ready", "command " + commandId + " is " + c.phase);
        }
        BrowseReport.File sent = read(c.report, BrowseReport.class).file();
        return new CommandFile(
                sent.name(),
                c.fileBytes,
                sent.sha256(),
                c.fileStoredAt.plus(config.downloadKeep()),
                files.get(c.fileRegion, tenantId, commandId));
    }

    /** Deletes the files stored before {@code before}; answers how many. */
    public int deleteFilesStoredBefore(Instant before) {
        int deleted = 0;
        for (AgentCommand c :
                QuarkusTransaction.requiringNew().call(() -> AgentCommand.filesStoredBefore(before, 500))) {
            files.delete(c.fileRegion, c.tenantId, c.id);
            QuarkusTransaction.requiringNew().run(() -> {
                AgentCommand fresh = AgentCommand.findById(c.id);
                fresh.fileDeletedAt = Instant.now();
            });
            deleted++;
        }
        if (deleted > 0) {
            LOG.infof("deleted %d downloaded file(s) kept past %s", deleted, config.downloadKeep());
        }
        return deleted;
    }

    /**
     * A file a BROWSE command sent, to download.
     *
     * @param name its name in the backup
     * @param length its length
     * @param sha256 its SHA-256, hex, as the agent computed it
     * @param keptUntil when it is deleted
     * @param content its bytes, to be closed by the caller
     */
    public record CommandFile(String name, long length, String sha256, Instant keptUntil, InputStream content) {}

    private AgentCommand owned(UUID tenantId, UUID clusterId, UUID commandId) {
        return AgentCommand.findOwned(tenantId, clusterId, commandId)
                .orElseThrow(() -> ProblemException.notFound("command " + commandId));
    }

    private CommandView view(AgentCommand c) {
        return new CommandView(
                c.id,
                c.clusterId,
                c.kind,
                c.phase,
                read(c.spec),
                c.cancelRequested,
                c.createdAt,
                c.deliveredAt,
                c.deliveries,
                c.startedAt,
                c.finishedAt,
                c.progress == null ? null : read(c.progress),
                c.report == null ? null : read(c.report),
                c.message,
                c.policyId);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode read(String value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
