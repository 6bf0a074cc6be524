package dev.cairn.tenant.command;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A command a tenant sends to its cluster's agent: {@code kind} and the spec of that kind.
 *
 * @param backup for BACKUP: what to take
 * @param restore for RESTORE: what to restore and how
 */
public record NewCommand(
        @NotNull CommandKind kind,
        @Valid BackupSpec backup,
        @Valid RestoreSpec restore) {

    /** Namespace globs: DNS labels with {@code *} and {@code ?}. */
    static final String NAMESPACE_GLOB = "[a-z0-9*?]([-a-z0-9*?]{0,62})";
    /** Resource type globs: {@code plural} or {@code plural.group}, with {@code *} and {@code ?}. */
    static final String RESOURCE_GLOB = "[a-z0-9*?][-a-z0-9.*?]{0,252}";
    /** A namespace name (DNS label). */
    static final String NAMESPACE = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    /** A storage class name (DNS subdomain). */
    static final String SUBDOMAIN = "[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?";

    @AssertTrue(
            message = "give the spec of the command's kind, and only that one: backup for BACKUP, restore for RESTORE")
    boolean isSpecOfKind() {
        return kind == null
                || (kind == CommandKind.BACKUP && backup != null && restore == null)
                || (kind == CommandKind.RESTORE && restore != null && backup == null);
    }

    /**
     * What a backup takes (see the agent's docs: selection).
     *
     * @param includeNamespaces namespace globs; empty means all
     * @param excludeNamespaces namespace globs left out
     * @param labelSelector a label selector for namespaced objects
     * @param includeResources {@code plural[.group]} globs; empty means all
     * @param excludeResources {@code plural[.group]} globs left out
     * @param includeClusterResources true all, false none, absent: all when every namespace is taken, else what the
     *     selection needs
     * @param volumes also back up the data of the selected pods' volumes
     */
    public record BackupSpec(
            @Size(max = 100) List<@NotNull @Pattern(regexp = NAMESPACE_GLOB) String> includeNamespaces,
            @Size(max = 100) List<@NotNull @Pattern(regexp = NAMESPACE_GLOB) String> excludeNamespaces,

            @Size(max = 1024) @Pattern(regexp = "[-A-Za-z0-9_./!=, ()]*")
            String labelSelector,

            @Size(max = 200) List<@NotNull @Pattern(regexp = RESOURCE_GLOB) String> includeResources,
            @Size(max = 200) List<@NotNull @Pattern(regexp = RESOURCE_GLOB) String> excludeResources,
            Boolean includeClusterResources,
            boolean volumes) {}

    /**
     * What a restore does.
     *
     * @param backupId the backup to restore (one of the tenant's)
     * @param includeNamespaces namespaces of the backup to restore, globs; empty means all
     * @param namespaceMapping backed-up namespace to target namespace
     * @param storageClassMapping backed-up storage class to target storage class
     * @param existingResourcePolicy SKIP (default) or UPDATE an object that exists
     * @param preview only report what would be done
     * @param volumes restore the data of the claims it creates from their volume backups (default true)
     */
    public record RestoreSpec(
            @NotNull UUID backupId,
            @Size(max = 100) List<@NotNull @Pattern(regexp = NAMESPACE_GLOB) String> includeNamespaces,

            @Size(max = 100)
            Map<@Pattern(regexp = NAMESPACE) String, @NotNull @Pattern(regexp = NAMESPACE) String> namespaceMapping,

            @Size(max = 100)
            Map<@Pattern(regexp = SUBDOMAIN) String, @NotNull @Pattern(regexp = SUBDOMAIN) String> storageClassMapping,

            @Pattern(regexp = "SKIP|UPDATE") String existingResourcePolicy,
            boolean preview,
            Boolean volumes) {}
}
