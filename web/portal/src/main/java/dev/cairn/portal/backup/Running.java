package dev.cairn.portal.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The commands (backups and restores) the tenant's agents are working on now, with their progress. */
public final class Running {
    private Running() {}

    /**
     * A command in flight.
     *
     * @param cluster its cluster's name
     * @param command the command as the API answers it (kind, phase, progress)
     * @param percent how far, when the total is known (0-100); -1 otherwise
     */
    public record Item(String cluster, JsonNode command, int percent) {}

    /** The commands of each cluster that have not ended, soonest queued first. */
    public static List<Item> of(Map<String, JsonNode> commandsByCluster) {
        List<Item> items = new ArrayList<>();
        commandsByCluster.forEach((cluster, commands) -> {
            for (JsonNode c : commands) {
                String phase = c.path("phase").asText();
                if (phase.equals("Queued") || phase.equals("Delivered") || phase.equals("Running")) {
                    items.add(new Item(cluster, c, percent(c.path("progress"))));
                }
            }
        });
        items.sort(java.util.Comparator.comparing(
                i -> i.command().path("createdAt").asText()));
        return items;
    }

    /** Bytes done of the total known so far, in percent; -1 while there is no total. */
    static int percent(JsonNode progress) {
        long total = progress.path("totalBytes").asLong(0);
        if (total <= 0) {
            return -1;
        }
        return (int) Math.min(100, progress.path("bytes").asLong(0) * 100 / total);
    }
}
