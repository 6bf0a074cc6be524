package dev.cairn.agent.command;

import dev.cairn.agent.log.AgentLog;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.progress.Progress;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.api.agent.command.Delivery;
import dev.cairn.api.agent.command.StatusReport;
import dev.cairn.data.record.TraceParent;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one command the platform handed out: reports Running (a command cancelled before it started ends Cancelled
 * without running), reports progress every {@link #PROGRESS_SECONDS} seconds and notes a cancel the platform passes
 * on, runs the command's kind, and sends the final phase with the report and the last progress. A running command
 * finishes: backups and restores have no safe point to stop at yet.
 */
public final class CommandRunner {
    /** How often a running command reports progress. */
    public static final int PROGRESS_SECONDS = 5;

    /** The longest message a report may carry. */
    private static final int MAX_MESSAGE = 4000;

    private final PlatformClient platform;
    private final BackupCommand backups;
    private final RestoreCommand restores;
    private final BrowseCommand browses;
    private final AgentLog log;

    public CommandRunner(
            PlatformClient platform,
            BackupCommand backups,
            RestoreCommand restores,
            BrowseCommand browses,
            PrintStream log) {
        this.platform = platform;
        this.backups = backups;
        this.restores = restores;
        this.browses = browses;
        this.log = AgentLog.to(log, "commands");
    }

    public void execute(Delivery.Command command) {
        log.info("command " + command.id() + ": " + command.kind()
                + TraceParent.traceIdOf(command.traceparent())
                        .map(t -> " (trace " + t + ")")
                        .orElse(""));
        if (platform.report(
                        command.id(),
                        new StatusReport(CommandPhase.Running, null, null, null, null),
                        command.traceparent())
                .cancelRequested()) {
            platform.report(
                    command.id(),
                    new StatusReport(CommandPhase.Cancelled, null, null, null, "cancelled before it started"),
                    command.traceparent());
            log.info("command " + command.id() + " cancelled before it started");
            return;
        }
        AtomicBoolean cancelSeen = new AtomicBoolean();
        Progress progress = new Progress(command.kind().name().toLowerCase());
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "command-progress");
            t.setDaemon(true);
            return t;
        });
        reporter.scheduleWithFixedDelay(
                () -> {
                    try {
                        if (platform.report(
                                        command.id(), StatusReport.running(progress.snapshot()), command.traceparent())
                                .cancelRequested()) {
                            cancelSeen.set(true);
                        }
                    } catch (RuntimeException e) {
                        log.warn("progress report failed: " + e.getMessage());
                    }
                },
                PROGRESS_SECONDS,
                PROGRESS_SECONDS,
                TimeUnit.SECONDS);
        StatusReport result;
        try {
            result = switch (command.kind()) {
                case BACKUP ->
                    command.backup() == null
                            ? failed("a BACKUP command without its backup spec")
                            : backups.run(command.backup(), progress, command.traceparent());
                case RESTORE ->
                    command.restore() == null
                            ? failed("a RESTORE command without its restore spec")
                            : restores.run(command.restore(), progress);
                case BROWSE ->
                    command.browse() == null
                            ? failed("a BROWSE command without its browse spec")
                            : browses.run(command.id(), command.browse(), progress);
            };
        } catch (IOException | RuntimeException e) {
            result = failed(String.valueOf(e.getMessage()));
        } finally {
            reporter.shutdownNow();
            progress.close();
        }
        String message = result.message();
        if (cancelSeen.get()) {
            message = (message == null ? "" : message) + " (a cancel arrived while it ran; a running command finishes)";
        }
        if (message != null && message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE);
        }
        log.info("command " + command.id() + " ended " + result.phase());
        platform.report(
                command.id(),
                new StatusReport(
                        result.phase(),
                        progress.snapshot(),
                        result.backup(),
                        result.restore(),
                        message,
                        result.browse()),
                command.traceparent());
    }

    private static StatusReport failed(String message) {
        return new StatusReport(CommandPhase.Failed, null, null, null, message);
    }
}
