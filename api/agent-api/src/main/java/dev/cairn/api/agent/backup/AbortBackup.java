package dev.cairn.api.agent.backup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * An agent gives a backup up ({@code POST /api/v1/backups/{id}/abort}): it ends Failed with the reason.
 *
 * @param reason why
 */
public record AbortBackup(@NotBlank @Size(max = 4096) String reason) {}
