package dev.cairn.scheduler.tenantapi;

import dev.cairn.api.agent.command.BackupSpec;
import dev.cairn.scheduler.fire.Commands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Policy runs' commands through the tenant service's internal API. */
@ApplicationScoped
public class TenantServiceCommands implements Commands {
    private final TenantCommandsClient tenantService;

    public TenantServiceCommands(@RestClient TenantCommandsClient tenantService) {
        this.tenantService = tenantService;
    }

    @Override
    public Command queue(UUID tenantId, UUID clusterId, UUID policyId, UUID runId, BackupSpec backup) {
        return of(tenantService.queue(
                new TenantCommandsClient.ScheduledCommand(tenantId, clusterId, policyId, runId, backup)));
    }

    @Override
    public Command get(UUID commandId) {
        return of(tenantService.get(commandId));
    }

    @Override
    public Command cancel(UUID commandId) {
        return of(tenantService.cancel(commandId));
    }

    private static Command of(TenantCommandsClient.CommandAnswer answer) {
        return new Command(
                answer.id(),
                answer.phase(),
                answer.report() == null ? null : answer.report().id(),
                answer.message());
    }
}
