package dev.cairn.tenant.command;

import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.api.agent.command.CommandKind;
import dev.cairn.api.agent.command.RestoreSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * A command a tenant sends to its cluster's agent: {@code kind} and the spec of that kind.
 *
 * @param backup for BACKUP: what to take
 * @param restore for RESTORE: what to restore and how
 */
public record NewCommand(
        @NotNull CommandKind kind,
        @Valid BackupSpec backup,
        @Valid RestoreSpec restore) {

    @AssertTrue(
            message = "give the spec of the command's kind, and only that one: backup for BACKUP, restore for RESTORE")
    boolean isSpecOfKind() {
        return kind == null
                || (kind == CommandKind.BACKUP && backup != null && restore == null)
                || (kind == CommandKind.RESTORE && restore != null && backup == null);
    }
}
