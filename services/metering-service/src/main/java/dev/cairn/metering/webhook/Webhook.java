package dev.cairn.metering.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A partner's webhook endpoint.
 *
 * @param id its id
 * @param url where events are POSTed
 * @param events the event types it receives
 * @param secret its signing secret: shown when it is created (and to a repeat of that request), never listed
 * @param createdAt when it was registered
 */
public record Webhook(UUID id, String url, List<String> events, String secret, Instant createdAt) {}
