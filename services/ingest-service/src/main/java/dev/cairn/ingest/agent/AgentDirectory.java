package dev.cairn.ingest.agent;

import java.util.Optional;
import java.util.UUID;

/** Where ingest learns who an agent is (the tenant service's internal API, cached briefly). */
public interface AgentDirectory {

    /** The agent, or empty when no such agent exists. */
    Optional<AgentIdentity> find(UUID clusterId);
}
