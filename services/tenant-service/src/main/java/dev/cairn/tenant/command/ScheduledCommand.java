package dev.cairn.tenant.command;

import dev.cairn.api.agent.command.BackupSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * A BACKUP command the scheduler queues for a policy's run (internal API).
 *
 * @param tenantId the policy's tenant
 * @param clusterId its cluster (must be the tenant's)
 * @param policyId the policy
 * @param runId the run: one command per run, however often the scheduler asks
 * @param backup what to back up
 */
public record ScheduledCommand(
        @NotNull UUID tenantId,
        @NotNull UUID clusterId,
        @NotNull UUID policyId,
        @NotNull UUID runId,
        @NotNull @Valid BackupSpec backup) {}
