package dev.cairn.portal.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.portal.api.ApiProblem;
import dev.cairn.portal.api.PlatformApi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** What the dashboard shows, read from the API in parallel with the user's token. */
@ApplicationScoped
public class Dashboard {
    /** How many backups the dashboard lists. */
    static final int LAST_BACKUPS = 10;
    /** How many days of usage the chart spans. */
    static final int CHART_DAYS = 30;

    private static final ExecutorService CALLS = Executors.newVirtualThreadPerTaskExecutor();

    private final PlatformApi api;

    public Dashboard(PlatformApi api) {
        this.api = api;
    }

    /**
     * The dashboard's data. A part whose API fails is shown as that part's error, the rest of the page still shows.
     *
     * @param tenant the tenant (name, plan, regions)
     * @param clusters its clusters, with their agents' last heartbeats
     * @param backups its last backups, newest first
     * @param usage stored bytes against the plan's limit
     * @param history the usage by day, oldest first
     * @param chart the chart's data (labels, stored and protected bytes, the limit), as JSON for Chart.js
     * @param replication the replication lag to the DR region
     * @param failing what needs attention (failed backups, offline agents, quota levels, replication errors)
     * @param problems the parts that could not be read, with why
     */
    public record View(
            JsonNode tenant,
            JsonNode clusters,
            JsonNode backups,
            JsonNode usage,
            JsonNode history,
            String chart,
            JsonNode replication,
            List<String> failing,
            List<String> problems) {}

    public View read(String token) {
        List<String> problems = new ArrayList<>();
        var tenant = call(() -> api.get(token, "tenant"));
        var clusters = call(() -> api.every(token, "clusters?limit=500"));
        var backups = call(() -> api.get(token, "backups?limit=" + LAST_BACKUPS).path("items"));
        var usage = call(() -> api.get(token, "usage"));
        String from = Instant.now()
                .truncatedTo(ChronoUnit.DAYS)
                .minus(CHART_DAYS - 1, ChronoUnit.DAYS)
                .toString();
        var history = call(() -> api.get(token, "usage/history?granularity=day&limit=" + CHART_DAYS + "&from=" + from));
        var replication = call(() -> api.get(token, "replication"));
        JsonNode t = join(tenant, "tenant", problems);
        JsonNode c = join(clusters, "clusters", problems);
        JsonNode b = join(backups, "backups", problems);
        JsonNode u = join(usage, "usage", problems);
        JsonNode h = join(history, "usage history", problems).path("items");
        JsonNode r = join(replication, "replication", problems);
        return new View(t, c, b, u, h, chart(h, u), r, failing(c, b, u, r), problems);
    }

    private static CompletableFuture<JsonNode> call(Supplier<JsonNode> read) {
        return CompletableFuture.supplyAsync(read, CALLS);
    }

    private static JsonNode join(CompletableFuture<JsonNode> call, String part, List<String> problems) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ApiProblem p) {
                if (p.status() == 401) {
                    throw p; // the session ended: the whole page signs in again
                }
                problems.add(part + ": " + p.title() + " (" + p.detail() + ")");
            } else {
                problems.add(part + ": " + e.getCause());
            }
            return JsonNodeFactory.instance.missingNode();
        }
    }

    /**
     * A usage chart's data: a label per period (its start's date), stored bytes at each period's end and protected
     * bytes, and the plan's limit.
     */
    public static String chart(JsonNode history, JsonNode usage) {
        ObjectNode chart = JsonNodeFactory.instance.objectNode();
        ArrayNode labels = chart.putArray("labels");
        ArrayNode stored = chart.putArray("stored");
        ArrayNode protectedBytes = chart.putArray("protected");
        for (JsonNode day : history) {
            labels.add(day.path("start").asText().substring(0, 10));
            stored.add(day.path("endStoredBytes").asLong());
            protectedBytes.add(day.path("protectedBytes").asLong());
        }
        if (usage.path("limitBytes").isNumber()) {
            chart.put("limit", usage.path("limitBytes").asLong());
        }
        return chart.toString();
    }

    /** What stands out: failed backups, clusters whose agent is offline, a quota level, replication errors. */
    static List<String> failing(JsonNode clusters, JsonNode backups, JsonNode usage, JsonNode replication) {
        List<String> failing = new ArrayList<>();
        for (JsonNode c : clusters) {
            if (c.path("phase").asText().equals("Connected")
                    && !c.path("online").asBoolean()) {
                failing.add("the agent of cluster " + c.path("name").asText() + " is offline (last heartbeat "
                        + c.path("lastHeartbeatAt").asText("never") + ")");
            }
        }
        for (JsonNode b : backups) {
            if (b.path("phase").asText().equals("Failed")) {
                failing.add("backup " + b.path("id").asText() + " failed: "
                        + b.path("failure").asText("no reason"));
            }
        }
        String level = usage.path("level").asText("");
        if (!level.isEmpty() && !level.equals("Ok")) {
            failing.add("usage is at " + usage.path("usedPercent").asText() + " % of the plan (" + level + ")");
        }
        if (replication.path("lastError").isTextual()) {
            failing.add("replication to " + replication.path("drRegion").asText() + " waits: "
                    + replication.path("lastError").asText());
        }
        return failing;
    }
}
