package dev.cairn.portal.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.PortalConfig;
import dev.cairn.portal.api.PlatformApi;
import dev.cairn.portal.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Backups: list with filters, live progress, details, deletion. */
@Path("/app/backups")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class BackupPagesResource {
    /** The phases the list filters by (BackupPhase's names). */
    static final List<String> PHASES = List.of("Completed", "PartiallyFailed", "Failed", "InProgress", "Committing");

    /** How many backups the list shows. */
    static final int PAGE = 200;

    private final PlatformApi api;
    private final SignedIn user;
    private final PortalConfig config;

    public BackupPagesResource(PlatformApi api, SignedIn user, PortalConfig config) {
        this.api = api;
        this.user = user;
        this.config = config;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance list(
                SignedIn user,
                List<JsonNode> backups,
                JsonNode clusters,
                Map<String, String> clusterNames,
                String cluster,
                String phase,
                List<String> phases,
                List<Running.Item> running,
                long refreshMs,
                UUID deleted,
                String older);

        static native TemplateInstance running(List<Running.Item> running, long refreshMs);

        static native TemplateInstance backup(SignedIn user, JsonNode backup, String clusterName, JsonNode replication);
    }

    @GET
    public TemplateInstance list(
            @QueryParam("cluster") String cluster,
            @QueryParam("phase") String phase,
            @QueryParam("deleted") UUID deleted,
            @QueryParam("cursor") String cursor) {
        JsonNode clusters = api.every(user.token(), "clusters?limit=500");
        Map<String, String> names = names(clusters);
        String query = "backups?limit=" + PAGE
                + (cluster == null || cluster.isBlank() ? "" : "&clusterId=" + UUID.fromString(cluster))
                + (cursor == null || cursor.isBlank()
                        ? ""
                        : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
        JsonNode page = api.get(user.token(), query);
        List<JsonNode> backups = new ArrayList<>();
        for (JsonNode b : page.path("items")) {
            if (phase == null || phase.isBlank() || b.path("phase").asText().equals(phase)) {
                backups.add(b);
            }
        }
        return Templates.list(
                user,
                backups,
                clusters,
                names,
                cluster == null ? "" : cluster,
                phase == null ? "" : phase,
                PHASES,
                running(clusters),
                config.refreshEvery().toMillis(),
                deleted,
                page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null);
    }

    /** The live part of the list: what is running now, with progress; fetched again every few seconds. */
    @GET
    @Path("running")
    public TemplateInstance running() {
        return Templates.running(
                running(api.every(user.token(), "clusters?limit=500")),
                config.refreshEvery().toMillis());
    }

    @GET
    @Path("{backupId}")
    public TemplateInstance backup(@PathParam("backupId") UUID backupId) {
        JsonNode backup = api.get(user.token(), "backups/" + backupId);
        JsonNode replication = api.get(user.token(), "backups/" + backupId + "/replication");
        String clusterName = names(api.every(user.token(), "clusters?limit=500"))
                .getOrDefault(backup.path("clusterId").asText(), "");
        return Templates.backup(user, backup, clusterName, replication);
    }

    /** Deletes a backup (its data is freed by garbage collection once nothing else references it). */
    @POST
    @Path("{backupId}/delete")
    public Response delete(@PathParam("backupId") UUID backupId) {
        api.delete(user.token(), "backups/" + backupId);
        return Response.seeOther(URI.create("/app/backups?deleted=" + backupId)).build();
    }

    private List<Running.Item> running(JsonNode clusters) {
        Map<String, JsonNode> commands = new LinkedHashMap<>();
        for (JsonNode c : clusters) {
            if (c.path("phase").asText().equals("Connected")) {
                commands.put(
                        c.path("name").asText(),
                        api.get(user.token(), "clusters/" + c.path("id").asText() + "/commands?limit=20")
                                .path("items"));
            }
        }
        return Running.of(commands);
    }

    private static Map<String, String> names(JsonNode clusters) {
        Map<String, String> names = new LinkedHashMap<>();
        clusters.forEach(c -> names.put(c.path("id").asText(), c.path("name").asText()));
        return names;
    }
}
