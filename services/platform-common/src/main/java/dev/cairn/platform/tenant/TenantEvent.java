package dev.cairn.platform.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.platform.event.CloudEvents;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * A change in a tenant's life that other services act on, published by the tenant service on {@code
 * cairn.tenants.v1} (keyed by the tenant: the topic is compacted) as a CloudEvents 1.0 structured JSON object.
 *
 * @param id the event's id (a consumer that sees it twice acts twice: every action is idempotent)
 * @param tenantId the tenant
 * @param type what happened
 * @param occurredAt when
 */
public record TenantEvent(UUID id, UUID tenantId, Type type, Instant occurredAt) {
    private static final String SOURCE = "/cairn/tenant-service";

    /** What happened to a tenant. */
    public enum Type {
        /**
         * The tenant's purge began (its grace period is over; no way back): every service forgets what it keeps of
         * the tenant.
         */
        Deleted("dev.cairn.tenant.deleted.v1");

        private final String eventType;

        Type(String eventType) {
            this.eventType = eventType;
        }

        /** The CloudEvents {@code type}. */
        public String eventType() {
            return eventType;
        }

        static Optional<Type> ofEventType(String eventType) {
            return Arrays.stream(values())
                    .filter(t -> t.eventType.equals(eventType))
                    .findFirst();
        }
    }

    public TenantEvent {
        if (id == null || tenantId == null || type == null || occurredAt == null) {
            throw new IllegalArgumentException("a tenant event needs an id, a tenant, a type and a time");
        }
    }

    /** The tenant's purge, now. */
    public static TenantEvent deleted(UUID tenantId, Instant at) {
        return new TenantEvent(UUID.randomUUID(), tenantId, Type.Deleted, at);
    }

    /** The event as CloudEvents 1.0 structured JSON (UTF-8). */
    public byte[] encode() {
        ObjectNode event = CloudEvents.envelope(id, SOURCE, type.eventType(), "tenants/" + tenantId, occurredAt);
        ((ObjectNode) event.get("data")).put("tenantId", tenantId.toString());
        return CloudEvents.bytes(event);
    }

    /**
     * Decodes an event.
     *
     * @throws IllegalArgumentException when the bytes are not a tenant event this version knows, saying why
     */
    public static TenantEvent decode(byte[] bytes) {
        JsonNode event = CloudEvents.parse(bytes);
        String eventType = event.path("type").asText(null);
        Type type = Type.ofEventType(eventType)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + eventType));
        try {
            return new TenantEvent(
                    UUID.fromString(event.path("id").asText("")),
                    UUID.fromString(event.path("data").path("tenantId").asText("")),
                    type,
                    Instant.parse(event.path("time").asText("")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("bad id, data.tenantId or time: " + e.getMessage());
        }
    }
}
