package dev.cairn.scheduler.fire;

import java.util.List;
import java.util.UUID;

/** Policies' restore drills, through the recovery service. */
public interface Drills {
    /**
     * Asks for a drill of a run's backup into {@code targetClusterId}, once per run: asking again for the same run
     * answers the same drill.
     *
     * @param includeNamespaces the namespaces the policy backs up (globs); empty: all
     * @throws RuntimeException when the recovery service did not take it (the next run asks again)
     */
    UUID request(
            UUID tenantId,
            UUID policyId,
            UUID runId,
            UUID backupId,
            UUID targetClusterId,
            List<String> includeNamespaces);
}
