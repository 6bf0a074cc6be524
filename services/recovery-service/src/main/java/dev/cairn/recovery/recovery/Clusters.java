package dev.cairn.recovery.recovery;

import dev.cairn.api.agent.AgentCapabilities;
import dev.cairn.api.agent.ClusterPhase;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The caller's clusters, as far as a recovery needs them (asked with the caller's own token). */
public interface Clusters {
    /**
     * A cluster as a recovery sees it.
     *
     * @param agentCapabilities what its agent reported it can do beyond the v1 commands
     */
    record Target(UUID id, ClusterPhase phase, String agentVersion, List<String> agentCapabilities) {
        /** Whether its agent can restore a drill (under a scratch prefix, removing what it created). */
        public boolean canDrill() {
            return agentCapabilities != null && agentCapabilities.contains(AgentCapabilities.RESTORE_DRILL);
        }
    }

    /** The caller's cluster of that id; empty when none. */
    Optional<Target> own(UUID clusterId);
}
