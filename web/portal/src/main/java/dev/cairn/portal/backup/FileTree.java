package dev.cairn.portal.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What the file browser works out without the platform: the path's crumbs, a child's path, which agent reads. */
final class FileTree {
    /** The capability an agent reports when it can browse (agent API's {@code AgentCapabilities.BROWSE}). */
    static final String BROWSE = "browse";

    private FileTree() {}

    /**
     * One step of the path shown above a listing.
     *
     * @param name the directory's name ("/" for the root)
     * @param path its path
     */
    record Crumb(String name, String path) {}

    /** The root, then each directory down to {@code path}. */
    static List<Crumb> crumbs(String path) {
        List<Crumb> crumbs = new ArrayList<>(List.of(new Crumb("/", "")));
        if (path.isEmpty()) {
            return crumbs;
        }
        StringBuilder at = new StringBuilder();
        for (String name : path.split("/")) {
            at.append(at.isEmpty() ? "" : "/").append(name);
            crumbs.add(new Crumb(name, at.toString()));
        }
        return crumbs;
    }

    /** The path of {@code name} inside directory {@code path}. */
    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "/" + name;
    }

    /** A path as typed or linked, without leading, trailing or doubled slashes. */
    static String normal(String path) {
        if (path == null) {
            return "";
        }
        return String.join(
                "/",
                java.util.Arrays.stream(path.split("/"))
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    /**
     * The cluster whose agent reads the backup: the one asked for if it can, else the backup's own cluster, else any
     * connected cluster whose agent browses (every agent of a tenant holds its keys); null when none can.
     */
    static String reader(JsonNode clusters, String asked, String backupCluster) {
        List<String> able = new ArrayList<>();
        for (JsonNode c : clusters) {
            boolean can = c.path("phase").asText().equals("Connected")
                    && c.path("online").asBoolean(true)
                    && java.util.stream.StreamSupport.stream(
                                    c.path("agentCapabilities").spliterator(), false)
                            .anyMatch(n -> n.asText().equals(BROWSE));
            if (can) {
                able.add(c.path("id").asText());
            }
        }
        if (asked != null && able.contains(asked)) {
            return asked;
        }
        if (able.contains(backupCluster)) {
            return backupCluster;
        }
        return able.isEmpty() ? null : able.getFirst();
    }
}
