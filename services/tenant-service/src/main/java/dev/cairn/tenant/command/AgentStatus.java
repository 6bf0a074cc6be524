package dev.cairn.tenant.command;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What an agent reports about a command it took.
 *
 * @param phase RUNNING while it works, then a final phase
 * @param progress counters while it works (bytes, files, objects, rate, eta), free-form but small
 * @param report the final report (counts, warnings, errors, items), with the final phase
 * @param message a one-line summary, for a failure the reason
 */
public record AgentStatus(
        @NotNull CommandPhase phase,
        JsonNode progress,
        JsonNode report,
        @Size(max = 4000) String message) {

    @AssertTrue(message = "an agent reports RUNNING or a final phase")
    boolean isReportable() {
        return phase == null || phase == CommandPhase.RUNNING || phase.isFinal();
    }

    @AssertTrue(message = "progress must be an object of at most 64 KiB and the report one of at most 1 MiB")
    boolean isSmall() {
        return (progress == null || (progress.isObject() && progress.toString().length() <= 65_536))
                && (report == null || (report.isObject() && report.toString().length() <= 1_048_576));
    }
}
