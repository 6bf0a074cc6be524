package dev.cairn.recovery.schedulerapi;

import dev.cairn.recovery.identity.CurrentCaller;
import dev.cairn.recovery.recovery.Policies;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The caller's policies, as the scheduler answers the caller itself. */
@ApplicationScoped
public class SchedulerPolicies implements Policies {
    /** How many of a policy's newest Completed runs are read. */
    private static final int NEWEST = 20;

    private final SchedulerRunsClient scheduler;
    private final CurrentCaller caller;

    public SchedulerPolicies(@RestClient SchedulerRunsClient scheduler, CurrentCaller caller) {
        this.scheduler = scheduler;
        this.caller = caller;
    }

    @Override
    public Optional<List<UUID>> completedBackups(UUID policyId) {
        try {
            return Optional.of(scheduler.runs(caller.bearer(), policyId, "Completed", NEWEST).items().stream()
                    .filter(run -> run.expiredAt() == null)
                    .map(SchedulerRunsClient.Run::backupId)
                    .filter(Objects::nonNull)
                    .toList());
        } catch (SchedulerRunsClient.NotFound e) {
            return Optional.empty();
        }
    }
}
