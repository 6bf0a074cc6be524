package dev.cairn.platform.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The CloudEvents 1.0 structured JSON envelope the services' events share (usage events, tenant events): written
 * with {@link #envelope}, read back with {@link #parse}.
 */
public final class CloudEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEvents() {}

    /** An event's envelope, its {@code data} object empty for the caller to fill. */
    public static ObjectNode envelope(UUID id, String source, String type, String subject, Instant time) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id.toString())
                .put("source", source)
                .put("type", type)
                .put("subject", subject)
                .put("time", time.toString())
                .put("datacontenttype", "application/json");
        event.putObject("data");
        return event;
    }

    /** The event as UTF-8 JSON. */
    public static byte[] bytes(ObjectNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The envelope of an event, checked to be a CloudEvents 1.0 JSON object.
     *
     * @throws IllegalArgumentException saying why it is not
     */
    public static JsonNode parse(byte[] bytes) {
        JsonNode event;
        try {
            event = JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!"1.0".equals(event.path("specversion").asText(null))) {
            throw new IllegalArgumentException("not a CloudEvents 1.0 event");
        }
        return event;
    }
}
