package dev.cairn.portal.restore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wizard's choices as the form holds them: mappings are written one per line or separated by commas, as
 * {@code from=to}.
 */
public record RestoreForm(
        String backupId,
        String targetClusterId,
        String namespaces,
        String namespaceMapping,
        String storageClassMapping,
        String existingResourcePolicy,
        boolean volumes) {

    /** {@code a=b, c=d} (or one per line) as a map; a line without {@code =} maps to itself. */
    public static Map<String, String> mapping(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text == null) {
            return map;
        }
        for (String pair : text.split("[,\\n]")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                map.put(p, p);
            } else {
                map.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
        }
        return map;
    }

    /** The namespaces asked for: separated by commas or spaces; empty: all of the backup's. */
    public java.util.List<String> namespaceList() {
        return java.util.Arrays.stream((namespaces == null ? "" : namespaces).split("[,\\s]+"))
                .filter(s -> !s.isBlank())
                .toList();
    }

    /** The RESTORE command's spec, previewed (nothing changes) or not. */
    public Map<String, Object> restoreSpec(boolean preview) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("backupId", backupId);
        if (!namespaceList().isEmpty()) {
            spec.put("includeNamespaces", namespaceList());
        }
        if (!mapping(namespaceMapping).isEmpty()) {
            spec.put("namespaceMapping", mapping(namespaceMapping));
        }
        if (!mapping(storageClassMapping).isEmpty()) {
            spec.put("storageClassMapping", mapping(storageClassMapping));
        }
        spec.put("existingResourcePolicy", existingResourcePolicy == null ? "SKIP" : existingResourcePolicy);
        spec.put("preview", preview);
        spec.put("volumes", volumes);
        return spec;
    }

    /** The recovery that runs it ({@code POST /api/v1/recoveries}). */
    public Map<String, Object> recovery() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("backupId", backupId);
        body.put("targetClusterId", targetClusterId);
        Map<String, Object> spec = restoreSpec(false);
        for (String field : new String[] {
            "includeNamespaces", "namespaceMapping", "storageClassMapping", "existingResourcePolicy", "volumes"
        }) {
            if (spec.containsKey(field)) {
                body.put(field, spec.get(field));
            }
        }
        return body;
    }
}
