package dev.cairn.agent.kube;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a resource backup takes: namespaces by glob ({@code *} and {@code ?}), a label selector for namespaced
 * objects, and resource types as {@code plural} (core group) or {@code plural.group}, globs too.
 *
 * @param includeNamespaces namespaces to take; {@code ["*"]} means all
 * @param excludeNamespaces namespaces to leave out, even if included
 * @param labelSelector a Kubernetes label selector for namespaced objects, or null for all
 * @param includeResources resource types to take; {@code ["*"]} means all
 * @param excludeResources resource types to leave out
 * @param includeClusterResources true: every cluster-scoped object; false: none; null (auto): every one when all
 *     namespaces are taken, otherwise only those the selection depends on
 */
public record Selection(
        List<String> includeNamespaces,
        List<String> excludeNamespaces,
        String labelSelector,
        List<String> includeResources,
        List<String> excludeResources,
        Boolean includeClusterResources) {

    public Selection {
        includeNamespaces = includeNamespaces == null || includeNamespaces.isEmpty()
                ? List.of("*")
                : List.copyOf(includeNamespaces);
        excludeNamespaces = excludeNamespaces == null ? List.of() : List.copyOf(excludeNamespaces);
        labelSelector = labelSelector == null || labelSelector.isBlank() ? null : labelSelector.strip();
        includeResources =
                includeResources == null || includeResources.isEmpty() ? List.of("*") : List.copyOf(includeResources);
        excludeResources = excludeResources == null ? List.of() : List.copyOf(excludeResources);
    }

    /** Everything: all namespaces, all types, all cluster-scoped objects. */
    public static Selection all() {
        return new Selection(null, null, null, null, null, null);
    }

    /** Whether objects of namespace {@code name} are taken. */
    public boolean namespace(String name) {
        return any(includeNamespaces, name) && !any(excludeNamespaces, name);
    }

    /** Whether objects of a type are taken ({@code qualified} is {@code plural} or {@code plural.group}). */
    public boolean resource(String qualified) {
        return any(includeResources, qualified) && !any(excludeResources, qualified);
    }

    /** Whether every namespace is taken (then cluster-scoped objects are all taken in auto mode). */
    public boolean allNamespaces() {
        return includeNamespaces.equals(List.of("*")) && excludeNamespaces.isEmpty();
    }

    private static boolean any(List<String> globs, String value) {
        return globs.stream().anyMatch(g -> glob(g).matcher(value).matches());
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
