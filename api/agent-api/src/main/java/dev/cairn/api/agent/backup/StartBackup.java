package dev.cairn.api.agent.backup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What an agent backs up ({@code POST /api/v1/backups}); the answer is the new backup's {@link BackupView}.
 *
 * @param source a description of the source, for example {@code local:/srv/data} or {@code cluster}
 */
public record StartBackup(@NotBlank @Size(max = 4096) String source) {}
