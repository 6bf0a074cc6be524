package dev.cairn.tenant.command;

import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.api.agent.command.BrowseSpec;
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
 * @param browse for BROWSE: the directory to list or the file to download
 */
public record NewCommand(
        @NotNull CommandKind kind,
        @Valid BackupSpec backup,
        @Valid RestoreSpec restore,
        @Valid BrowseSpec browse) {

    /** A BACKUP or RESTORE command. */
    public NewCommand(CommandKind kind, BackupSpec backup, RestoreSpec restore) {
        this(kind, backup, restore, null);
    }

    @AssertTrue(
            message = "give the spec of the command's kind, and only that one: backup for BACKUP, restore for RESTORE,"
                    + " browse for BROWSE")
    boolean isSpecOfKind() {
        int specs = (backup == null ? 0 : 1) + (restore == null ? 0 : 1) + (browse == null ? 0 : 1);
        return kind == null
                || (specs == 1
                        && switch (kind) {
                            case BACKUP -> backup != null;
                            case RESTORE -> restore != null;
                            case BROWSE -> browse != null;
                        });
    }

    /** The spec of the command's kind. */
    Object spec() {
        return switch (kind) {
            case BACKUP -> backup;
            case RESTORE -> restore;
            case BROWSE -> browse;
        };
    }
}
