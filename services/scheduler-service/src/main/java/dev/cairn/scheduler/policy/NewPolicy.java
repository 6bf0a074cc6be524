package dev.cairn.scheduler.policy;

import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.scheduler.retention.RetentionRules;
import dev.cairn.scheduler.schedule.Schedule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;

/**
 * A backup policy as a tenant writes it (create, or replace).
 *
 * @param name unique in the tenant: lower-case letters, digits and dashes, up to 63
 * @param clusterId the cluster whose agent takes the backups
 * @param backup what to back up (namespaces, selector, resource types, volumes, cluster-scoped objects); absent:
 *     everything, without volume data
 * @param schedule when
 * @param retention what to keep; absent: everything
 * @param paused create or leave it paused
 * @param drill a restore drill after its runs, at most so often; absent: none
 * @param immutability how long each backup it makes stays immutable (object lock); absent: its backups are not
 */
public record NewPolicy(
        @NotBlank
        @Pattern(
                regexp = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?",
                message = "lower-case letters, digits and dashes, up to 63")
        String name,

        @NotNull UUID clusterId,
        @Valid BackupSpec backup,
        @NotNull Schedule schedule,
        @Valid RetentionRules retention,
        boolean paused,
        @Valid DrillSettings drill,
        @Valid Immutability immutability) {}
