package dev.cairn.recovery.tenantapi;

import dev.cairn.api.agent.command.RestoreSpec;
import dev.cairn.recovery.orchestration.Commands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Recoveries' RESTORE commands through the tenant service's internal API. */
@ApplicationScoped
public class TenantServiceCommands implements Commands {
    private final TenantCommandsClient tenantService;

    public TenantServiceCommands(@RestClient TenantCommandsClient tenantService) {
        this.tenantService = tenantService;
    }

    @Override
    public Command queueRestore(UUID tenantId, UUID clusterId, UUID recoveryId, RestoreSpec restore) {
        try {
            return of(tenantService.queue(
                    new TenantCommandsClient.RecoveryCommand(tenantId, clusterId, recoveryId, restore)));
        } catch (TenantCommandsClient.Definite e) {
            throw new Refused(e.getMessage());
        }
    }

    @Override
    public Command get(UUID commandId) {
        return of(tenantService.get(commandId));
    }

    @Override
    public Command cancel(UUID commandId) {
        try {
            return of(tenantService.cancel(commandId));
        } catch (TenantCommandsClient.Definite e) {
            if (e.status == 409) {
                return get(commandId); // it ended meanwhile
            }
            throw new Refused(e.getMessage());
        }
    }

    private static Command of(TenantCommandsClient.CommandAnswer a) {
        return new Command(a.id(), a.phase(), a.progress(), a.report(), a.message());
    }
}
