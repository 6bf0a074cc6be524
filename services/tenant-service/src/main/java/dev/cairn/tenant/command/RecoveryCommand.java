package dev.cairn.tenant.command;

import dev.cairn.api.agent.command.RestoreSpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * A RESTORE command the recovery service queues for a recovery (internal API).
 *
 * @param tenantId the recovery's tenant
 * @param clusterId its target cluster (must be the tenant's)
 * @param recoveryId the recovery: one command per recovery, however often the service asks
 * @param restore what to restore and how
 */
public record RecoveryCommand(
        @NotNull UUID tenantId,
        @NotNull UUID clusterId,
        @NotNull UUID recoveryId,
        @NotNull @Valid RestoreSpec restore) {}
