package dev.cairn.agent.platform;

import dev.cairn.data.record.TraceParent;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of this agent's backups in progress are traced for export: a backup is sampled when the command that started
 * it came in a sampled trace ({@link TraceParent}), so that a tracing backend that kept the tenant's request also
 * keeps what the services did with the backup's records and requests. The rest are carried unsampled.
 */
public final class BackupTraces {
    private final Set<UUID> sampled = ConcurrentHashMap.newKeySet();

    /** Follows the backup in the sampling of the trace that started it ({@code traceparent}, null: none). */
    public void follow(UUID backup, String traceparent) {
        if (TraceParent.sampled(traceparent)) {
            sampled.add(backup);
        }
    }

    /** Forgets a backup that ended. */
    public void forget(UUID backup) {
        sampled.remove(backup);
    }

    /** The {@code traceparent} of what the agent sends about the backup. */
    public String traceparent(UUID backup) {
        return TraceParent.ofBackup(backup, sampled.contains(backup));
    }
}
