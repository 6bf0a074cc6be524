package dev.cairn.portal.restore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.PortalConfig;
import dev.cairn.portal.api.ApiProblem;
import dev.cairn.portal.api.PlatformApi;
import dev.cairn.portal.home.HomeResource;
import dev.cairn.portal.http.Attachments;
import dev.cairn.portal.session.SignedIn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The restore wizard (choose, preview, run) and the recoveries it starts. */
@Path("/app/restores")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class RestorePagesResource {
    private final PlatformApi api;
    private final SignedIn user;
    private final PortalConfig config;

    public RestorePagesResource(PlatformApi api, SignedIn user, PortalConfig config) {
        this.api = api;
        this.user = user;
        this.config = config;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance list(SignedIn user, String kind, JsonNode recoveries);

        static native TemplateInstance choose(
                SignedIn user,
                RestoreForm form,
                List<JsonNode> backups,
                JsonNode clusters,
                ApiProblem problem,
                Map<String, String> errors);

        static native TemplateInstance preview(
                SignedIn user,
                RestoreForm form,
                String clusterId,
                String commandId,
                String idempotencyKey,
                long refreshMs);

        static native TemplateInstance previewReport(String clusterId, JsonNode command, long refreshMs);

        static native TemplateInstance recovery(SignedIn user, JsonNode recovery, long refreshMs);

        static native TemplateInstance recoveryStatus(JsonNode recovery, long refreshMs);
    }

    /** The wizard's fields, as posted. */
    public static class Fields {
        @FormParam("backupId")
        String backupId;

        @FormParam("targetClusterId")
        String targetClusterId;

        @FormParam("namespaces")
        String namespaces;

        @FormParam("namespaceMapping")
        String namespaceMapping;

        @FormParam("storageClassMapping")
        String storageClassMapping;

        @FormParam("existingResourcePolicy")
        String existingResourcePolicy;

        @FormParam("volumes")
        String volumes;

        @FormParam("idempotencyKey")
        String idempotencyKey;

        RestoreForm form() {
            return new RestoreForm(
                    backupId,
                    targetClusterId,
                    namespaces,
                    namespaceMapping,
                    storageClassMapping,
                    existingResourcePolicy == null ? "SKIP" : existingResourcePolicy,
                    volumes != null);
        }
    }

    /** Recoveries, newest first: all, only drills ({@code kind=drill}: the drill reports) or only real ones. */
    @GET
    public TemplateInstance list(@QueryParam("kind") String kind) {
        String shown = "drill".equals(kind) || "recovery".equals(kind) ? kind : "all";
        String filter = shown.equals("all") ? "" : "&drill=" + shown.equals("drill");
        return Templates.list(
                user,
                shown,
                api.get(user.token(), "recoveries?limit=100" + filter).path("items"));
    }

    /** Step 1: what to restore where. */
    @GET
    @Path("new")
    public TemplateInstance choose(@QueryParam("backup") String backup) {
        return choose(new RestoreForm(backup, null, "", "", "", "SKIP", true), null);
    }

    /** Step 2: the preview, asked of the target cluster's agent (nothing is changed). */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response preview(@BeanParam Fields fields) {
        RestoreForm form = fields.form();
        try {
            if (form.targetClusterId() == null || form.targetClusterId().isBlank()) {
                throw new ApiProblem(
                        400,
                        "Invalid request",
                        "choose the cluster to restore into",
                        List.of(new ApiProblem.FieldError("targetClusterId", "choose a cluster")));
            }
            JsonNode command = api.post(
                    user.token(),
                    "clusters/" + UUID.fromString(form.targetClusterId()) + "/commands",
                    Map.of("kind", "RESTORE", "restore", form.restoreSpec(true)),
                    null);
            return Response.ok(Templates.preview(
                            user,
                            form,
                            form.targetClusterId(),
                            command.path("id").asText(),
                            UUID.randomUUID().toString(),
                            config.refreshEvery().toMillis()))
                    .build();
        } catch (ApiProblem problem) {
            if (problem.status() == 401) {
                throw problem;
            }
            return Response.status(422).entity(choose(form, problem)).build();
        }
    }

    /** The live part of step 2: the preview's report once the agent has made it. */
    @GET
    @Path("preview/{clusterId}/{commandId}")
    public TemplateInstance previewReport(
            @PathParam("clusterId") UUID clusterId, @PathParam("commandId") UUID commandId) {
        return Templates.previewReport(
                clusterId.toString(),
                api.get(user.token(), "clusters/" + clusterId + "/commands/" + commandId),
                config.refreshEvery().toMillis());
    }

    /** Step 3: the recovery runs it (region choice, verification, signed report); once per Idempotency-Key. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response restore(@BeanParam Fields fields) {
        JsonNode recovery = api.post(user.token(), "recoveries", fields.form().recovery(), fields.idempotencyKey);
        return Response.seeOther(
                        URI.create("/app/restores/" + recovery.path("id").asText()))
                .build();
    }

    @GET
    @Path("{recoveryId}")
    public TemplateInstance recovery(@PathParam("recoveryId") UUID recoveryId) {
        return Templates.recovery(
                user,
                api.get(user.token(), "recoveries/" + recoveryId),
                config.refreshEvery().toMillis());
    }

    /** The live part of a recovery's page: phase, progress, transitions; fetched again until it ends. */
    @GET
    @Path("{recoveryId}/status")
    public TemplateInstance recoveryStatus(@PathParam("recoveryId") UUID recoveryId) {
        return Templates.recoveryStatus(
                api.get(user.token(), "recoveries/" + recoveryId),
                config.refreshEvery().toMillis());
    }

    /** The signed report, byte for byte as the platform signed it. */
    @GET
    @Path("{recoveryId}/report")
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("recoveryId") UUID recoveryId) {
        return Attachments.of(
                api.bytes(user.token(), "recoveries/" + recoveryId + "/report"),
                "recovery-" + recoveryId + ".json",
                MediaType.APPLICATION_JSON);
    }

    /** The report's detached signature (DER, ECDSA P-256 over SHA-256). */
    @GET
    @Path("{recoveryId}/report/signature")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response signature(@PathParam("recoveryId") UUID recoveryId) {
        return Attachments.of(
                api.bytes(user.token(), "recoveries/" + recoveryId + "/report/signature"),
                "recovery-" + recoveryId + ".json.sig",
                MediaType.APPLICATION_OCTET_STREAM);
    }

    private TemplateInstance choose(RestoreForm form, ApiProblem problem) {
        List<JsonNode> restorable = new ArrayList<>();
        for (JsonNode b : api.get(user.token(), "backups?limit=200").path("items")) {
            String phase = b.path("phase").asText();
            if (phase.equals("Completed") || phase.equals("PartiallyFailed")) {
                restorable.add(b);
            }
        }
        return Templates.choose(
                user,
                form,
                restorable,
                api.every(user.token(), "clusters?limit=500"),
                problem,
                HomeResource.byField(problem));
    }
}
