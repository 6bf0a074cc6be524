package dev.cairn.portal.backup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.PortalConfig;
import dev.cairn.portal.api.PlatformApi;
import dev.cairn.portal.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A backup's files: its tree a directory at a time, and one file downloaded. An agent of the tenant reads and
 * decrypts them (a BROWSE command); the portal only shows what it answers and passes the file on (ADR 0021).
 */
@Path("/app/backups/{backupId}/files")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FilePagesResource {
    private final PlatformApi api;
    private final SignedIn user;
    private final PortalConfig config;

    public FilePagesResource(PlatformApi api, SignedIn user, PortalConfig config) {
        this.api = api;
        this.user = user;
        this.config = config;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance files(
                SignedIn user,
                JsonNode backup,
                String path,
                List<FileTree.Crumb> crumbs,
                JsonNode clusters,
                String cluster,
                String commandId,
                String downloadId);

        static native TemplateInstance panel(
                String backupId, String clusterId, String path, JsonNode command, long refreshMs);
    }

    /** A directory of the backup (the root without {@code path}), listed by the chosen cluster's agent. */
    @GET
    public TemplateInstance files(
            @PathParam("backupId") UUID backupId,
            @QueryParam("path") String path,
            @QueryParam("cluster") String cluster,
            @QueryParam("after") String after,
            @QueryParam("download") UUID download) {
        String at = FileTree.normal(path);
        JsonNode backup = api.get(user.token(), "backups/" + backupId);
        JsonNode clusters = api.every(user.token(), "clusters?limit=500");
        String reader =
                FileTree.reader(clusters, cluster, backup.path("clusterId").asText());
        String command = null;
        if (reader != null && user.isAdmin()) {
            Map<String, Object> browse = new HashMap<>(Map.of("backupId", backupId, "path", at, "download", false));
            if (after != null && !after.isBlank()) {
                browse.put("after", after);
            }
            command = api.post(
                            user.token(),
                            "clusters/" + reader + "/commands",
                            Map.of("kind", "BROWSE", "browse", browse),
                            null)
                    .path("id")
                    .asText();
        }
        return Templates.files(
                user,
                backup,
                at,
                FileTree.crumbs(at),
                clusters,
                reader,
                command,
                download == null ? null : download.toString());
    }

    /** The live part: the agent's listing or download once it is there; fetched again until the command ends. */
    @GET
    @Path("{clusterId}/{commandId}")
    public TemplateInstance panel(
            @PathParam("backupId") UUID backupId,
            @PathParam("clusterId") UUID clusterId,
            @PathParam("commandId") UUID commandId) {
        JsonNode command = api.get(user.token(), "clusters/" + clusterId + "/commands/" + commandId);
        return Templates.panel(
                backupId.toString(),
                clusterId.toString(),
                command.path("spec").path("path").asText(),
                command,
                config.refreshEvery().toMillis());
    }

    /** Asks the agent for one file; the page follows it until the file can be saved. */
    @POST
    @Path("download")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response download(
            @PathParam("backupId") UUID backupId, @FormParam("path") String path, @FormParam("cluster") UUID cluster) {
        String file = FileTree.normal(path);
        String command = api.post(
                        user.token(),
                        "clusters/" + cluster + "/commands",
                        Map.of(
                                "kind",
                                "BROWSE",
                                "browse",
                                Map.of("backupId", backupId, "path", file, "download", true)),
                        null)
                .path("id")
                .asText();
        String parent = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
        return Response.seeOther(URI.create("/app/backups/" + backupId + "/files?path="
                        + URLEncoder.encode(parent, StandardCharsets.UTF_8) + "&cluster=" + cluster + "&download="
                        + command))
                .build();
    }

    /** The file the agent sent, passed on as it arrives (the API keeps it for an hour). */
    @GET
    @Path("{clusterId}/{commandId}/content")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response content(@PathParam("clusterId") UUID clusterId, @PathParam("commandId") UUID commandId) {
        PlatformApi.Download file =
                api.download(user.token(), "clusters/" + clusterId + "/commands/" + commandId + "/file");
        Response.ResponseBuilder answer = Response.ok(file.content(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Disposition", file.disposition())
                .header("Cache-Control", "private, no-store");
        if (file.length() >= 0) {
            answer.header("Content-Length", file.length());
        }
        if (file.digest() != null) {
            answer.header("Repr-Digest", file.digest());
        }
        return answer.build();
    }
}
