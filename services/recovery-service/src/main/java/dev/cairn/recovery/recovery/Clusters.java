package dev.cairn.recovery.recovery;

import java.util.Optional;
import java.util.UUID;

/** The caller's clusters, as far as a recovery needs them (asked with the caller's own token). */
public interface Clusters {
    /** The phase of the caller's cluster of that id ({@code Connected}, {@code Revoked}...); empty when none. */
    Optional<String> phaseOfOwn(UUID clusterId);
}
