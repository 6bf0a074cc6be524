package dev.cairn.platform.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.data.record.TraceParent;
import dev.cairn.platform.event.CloudEvents;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * One usage event: a quantity of {@code kind} for a tenant at a time. Its id is stable (derived from what it counts
 * where that is possible: the pack, the backup), so that however often it is delivered it counts once.
 *
 * @param id the event's id; metering counts an id once
 * @param tenantId whose usage
 * @param kind what is counted
 * @param bytes how many bytes (clusters for {@link UsageKind#CONNECTED}; a signed delta for the kinds that are
 *     {@link UsageKind#signed()})
 * @param region the region of the bytes, when they have one
 * @param clusterId the cluster a backup event is about (null otherwise)
 * @param backupId the backup a backup event is about (null otherwise)
 * @param occurredAt when it happened: the hour it is counted in
 * @param detail words about it, when it has some (why a backup failed), else null
 * @param traceparent the trace it was written in (W3C; CloudEvents' distributed tracing extension attribute), where
 *     metering handles it; null: none
 */
public record UsageEvent(
        UUID id,
        UUID tenantId,
        UsageKind kind,
        long bytes,
        String region,
        UUID clusterId,
        UUID backupId,
        Instant occurredAt,
        String detail,
        String traceparent) {

    public UsageEvent {
        if (id == null || tenantId == null || kind == null || occurredAt == null) {
            throw new IllegalArgumentException("a usage event needs an id, a tenant, a kind and a time");
        }
        if (!kind.signed() && bytes < 0) {
            throw new IllegalArgumentException(kind + " bytes cannot be negative: " + bytes);
        }
    }

    /**
     * The event as a CloudEvents 1.0 structured JSON object (UTF-8), its trace as the distributed tracing extension's
     * {@code traceparent} attribute.
     */
    public byte[] encode() {
        ObjectNode event = CloudEvents.envelope(id, kind.source(), kind.eventType(), "tenants/" + tenantId, occurredAt);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("tenantId", tenantId.toString()).put(kind.quantity(), bytes);
        if (region != null) {
            data.put("region", region);
        }
        if (clusterId != null) {
            data.put("clusterId", clusterId.toString());
        }
        if (backupId != null) {
            data.put("backupId", backupId.toString());
        }
        if (detail != null) {
            data.put("detail", detail);
        }
        if (traceparent != null) {
            event.put("traceparent", traceparent);
        }
        return CloudEvents.bytes(event);
    }

    /**
     * Reads an event written by {@link #encode()}.
     *
     * @throws IllegalArgumentException naming what is wrong, when the bytes are not a usage event of version 1
     */
    public static UsageEvent decode(byte[] bytes) {
        JsonNode event = CloudEvents.parse(bytes);
        String type = text(event, "type");
        UsageKind kind = UsageKind.ofEventType(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        JsonNode data = event.get("data");
        if (data == null || !data.isObject() || !data.path(kind.quantity()).isIntegralNumber()) {
            throw new IllegalArgumentException("data." + kind.quantity() + " is missing or not an integer");
        }
        try {
            return new UsageEvent(
                    UUID.fromString(text(event, "id")),
                    UUID.fromString(text(data, "tenantId")),
                    kind,
                    data.get(kind.quantity()).longValue(),
                    text(data, "region"),
                    uuid(data, "clusterId"),
                    uuid(data, "backupId"),
                    Instant.parse(text(event, "time")),
                    text(data, "detail"),
                    // a trace context that is not one is dropped: it never costs the event
                    TraceParent.traceIdOf(text(event, "traceparent")).isPresent() ? text(event, "traceparent") : null);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("time or tenantId is missing or malformed");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static UUID uuid(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : UUID.fromString(text);
    }
}
