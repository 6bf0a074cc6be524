package dev.cairn.api.agent.command;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

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
        @Size(max = 100) List<@NotNull @Pattern(regexp = Selectors.NAMESPACE_GLOB) String> includeNamespaces,
        @Size(max = 100) List<@NotNull @Pattern(regexp = Selectors.NAMESPACE_GLOB) String> excludeNamespaces,

        @Size(max = 1024) @Pattern(regexp = Selectors.LABEL_SELECTOR)
        String labelSelector,

        @Size(max = 200) List<@NotNull @Pattern(regexp = Selectors.RESOURCE_GLOB) String> includeResources,
        @Size(max = 200) List<@NotNull @Pattern(regexp = Selectors.RESOURCE_GLOB) String> excludeResources,
        Boolean includeClusterResources,
        boolean volumes) {

    public BackupSpec {
        includeNamespaces = includeNamespaces == null ? List.of() : includeNamespaces;
        excludeNamespaces = excludeNamespaces == null ? List.of() : excludeNamespaces;
        includeResources = includeResources == null ? List.of() : includeResources;
        excludeResources = excludeResources == null ? List.of() : excludeResources;
    }
}
