package dev.cairn.portal.partner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.portal.api.ApiProblem;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A partner's webhook endpoints: list, add (its signing secret shown once), remove, and each one's deliveries. */
@Path("/app/partner/webhooks")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class WebhookPagesResource {
    /** The events a partner can subscribe to, as the metering service names them. */
    static final List<String> EVENTS =
            List.of("quota.warning", "quota.exceeded", "statement.finalized", "backup.failed");

    private final PlatformApi api;
    private final SignedIn user;

    public WebhookPagesResource(PlatformApi api, SignedIn user) {
        this.api = api;
        this.user = user;
    }

    @CheckedTemplate(requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance webhooks(
                SignedIn user,
                JsonNode webhooks,
                List<String> events,
                JsonNode created,
                ApiProblem problem,
                String url,
                String idempotencyKey);

        static native TemplateInstance deliveries(SignedIn user, JsonNode webhook, JsonNode deliveries);
    }

    @GET
    public TemplateInstance webhooks() {
        return Templates.webhooks(
                user, list(), EVENTS, null, null, "", UUID.randomUUID().toString());
    }

    /** Adds an endpoint, once per form shown (the form's key is the Idempotency-Key). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(
            @FormParam("url") String url,
            @FormParam("events") List<String> events,
            @FormParam("idempotencyKey") String key) {
        try {
            JsonNode created = api.post(
                    user.token(),
                    "partner/webhooks",
                    Map.of("url", url == null ? "" : url.trim(), "events", events == null ? List.of() : events),
                    key == null || key.isBlank() ? null : key);
            return Response.status(201)
                    .entity(Templates.webhooks(
                            user,
                            list(),
                            EVENTS,
                            created,
                            null,
                            "",
                            UUID.randomUUID().toString()))
                    .build();
        } catch (ApiProblem problem) {
            if (problem.status() == 401 || problem.status() >= 500) {
                throw problem;
            }
            return Response.status(422)
                    .entity(Templates.webhooks(user, list(), EVENTS, null, problem, url, key))
                    .build();
        }
    }

    @POST
    @Path("{webhookId}/remove")
    public Response remove(@PathParam("webhookId") UUID webhookId) {
        api.delete(user.token(), "partner/webhooks/" + webhookId);
        return Response.seeOther(URI.create("/app/partner/webhooks")).build();
    }

    @GET
    @Path("{webhookId}")
    public TemplateInstance deliveries(@PathParam("webhookId") UUID webhookId) {
        JsonNode webhook = null;
        for (JsonNode w : list()) {
            if (w.path("id").asText().equals(webhookId.toString())) {
                webhook = w;
            }
        }
        JsonNode deliveries = api.get(user.token(), "partner/webhooks/" + webhookId + "/deliveries?limit=100")
                .path("items");
        return Templates.deliveries(user, webhook, deliveries);
    }

    private JsonNode list() {
        return api.get(user.token(), "partner/webhooks?limit=500").path("items");
    }
}
