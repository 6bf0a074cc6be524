package dev.cairn.scheduler.policy;

import java.util.Optional;
import java.util.UUID;

/** The caller's clusters, as far as a policy needs them. */
public interface Clusters {
    /** The name of the caller's tenant's cluster of that id; empty when the tenant has none such. */
    Optional<String> nameOfOwn(UUID clusterId);
}
