package dev.cairn.api.agent.command;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What an agent reports about a command it took ({@code POST /api/v1/agent/commands/{id}/status}): Running with
 * progress while it works, then a final phase with the final report of its kind.
 *
 * @param phase Running while it works, then a final phase
 * @param progress counters while it works, and the last ones with the final phase
 * @param backup the final report of a BACKUP command
 * @param restore the final report of a RESTORE command
 * @param message a one-line summary, for a failure the reason
 * @param browse the final report of a BROWSE command
 */
public record StatusReport(
        @NotNull CommandPhase phase,
        Progress progress,
        @Valid BackupReport backup,
        @Valid RestoreReport restore,
        @Size(max = 4000) String message,
        @Valid BrowseReport browse) {

    /** A report of a BACKUP or RESTORE command, or one without a final report. */
    public StatusReport(
            CommandPhase phase, Progress progress, BackupReport backup, RestoreReport restore, String message) {
        this(phase, progress, backup, restore, message, null);
    }

    /** A Running report with progress. */
    public static StatusReport running(Progress progress) {
        return new StatusReport(CommandPhase.Running, progress, null, null, null);
    }

    @AssertTrue(message = "an agent reports Running or a final phase, and at most one report")
    boolean isReportable() {
        return (phase == null || phase == CommandPhase.Running || phase.isFinal())
                && ((backup == null ? 0 : 1) + (restore == null ? 0 : 1) + (browse == null ? 0 : 1)) <= 1;
    }

    /**
     * The platform's answer to a report.
     *
     * @param cancelRequested the tenant asked to cancel the command
     */
    public record Answer(boolean cancelRequested) {}
}
