package dev.cairn.metering.webhook;

import dev.cairn.metering.identity.CurrentCaller;
import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A partner's webhook endpoints and their delivery logs; another partner's endpoint is 404. */
@Path("/api/v1/partner/webhooks")
@Tag(name = "Partner billing")
@Produces(MediaType.APPLICATION_JSON)
public class PartnerWebhookResource {
    private final Webhooks webhooks;
    private final CurrentCaller caller;

    public PartnerWebhookResource(Webhooks webhooks, CurrentCaller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    /**
     * A new endpoint.
     *
     * @param url an http(s) URL events are POSTed to
     * @param events the event types it receives: quota.warning, quota.exceeded, statement.finalized, backup.failed
     */
    public record NewWebhook(
            @NotNull @Size(max = 2000) String url, @NotEmpty List<@NotNull String> events) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(
            summary = "Register a webhook endpoint; its signing secret is in the answer (and only there)",
            description = "Honours `Idempotency-Key`: a repeat answers 200 with the same endpoint; the same key with"
                    + " another body is 422.")
    public Response create(
            @Valid @NotNull NewWebhook body, @HeaderParam("Idempotency-Key") @Size(max = 255) String idempotencyKey) {
        URI url;
        try {
            url = URI.create(body.url());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("url", "not a URL");
        }
        if (url.getScheme() == null
                || !(url.getScheme().equals("https") || url.getScheme().equals("http"))
                || url.getHost() == null) {
            throw ProblemException.invalidField("url", "an http or https URL with a host");
        }
        for (String event : body.events()) {
            if (WebhookEventType.of(event).isEmpty()) {
                throw ProblemException.invalidField(
                        "events",
                        "unknown event type " + event
                                + "; one of quota.warning, quota.exceeded, statement.finalized, backup.failed");
            }
        }
        Webhooks.Created created = webhooks.create(
                caller.partnerId(),
                body.url(),
                body.events().stream().distinct().toList(),
                idempotencyKey);
        return Response.status(created.repeated() ? 200 : 201)
                .location(URI.create(
                        "/api/v1/partner/webhooks/" + created.webhook().id()))
                .entity(created.webhook())
                .build();
    }

    @GET
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(summary = "My webhook endpoints, oldest first (without their secrets)")
    public Page<Webhook> list(@QueryParam("cursor") String cursor, @QueryParam("limit") @DefaultValue("50") int limit) {
        Cursor.limit(limit, 500);
        List<Webhook> page = webhooks.list(caller.partnerId(), Cursor.decode(cursor), limit + 1);
        List<Webhook> items = page.subList(0, Math.min(limit, page.size()));
        String next = page.size() > limit
                ? new Cursor(items.getLast().createdAt(), items.getLast().id()).encode()
                : null;
        return new Page<>(items, next);
    }

    @DELETE
    @Path("/{webhookId}")
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(summary = "Remove an endpoint: nothing more is sent to it (its delivery log stays)")
    public Response delete(@PathParam("webhookId") UUID webhookId) {
        if (!webhooks.delete(caller.partnerId(), webhookId)) {
            throw ProblemException.notFound("webhook " + webhookId);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/{webhookId}/deliveries")
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(summary = "An endpoint's delivery log, newest first: every event, its attempts and their outcome")
    public Page<Delivery> deliveries(
            @PathParam("webhookId") UUID webhookId,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        Cursor.limit(limit, 500);
        webhooks.find(caller.partnerId(), webhookId, false)
                .orElseThrow(() -> ProblemException.notFound("webhook " + webhookId));
        List<Delivery> page = webhooks.deliveries(webhookId, Cursor.decode(cursor), limit + 1);
        List<Delivery> items = page.subList(0, Math.min(limit, page.size()));
        String next = page.size() > limit
                ? new Cursor(items.getLast().createdAt(), items.getLast().id()).encode()
                : null;
        return new Page<>(items, next);
    }
}
