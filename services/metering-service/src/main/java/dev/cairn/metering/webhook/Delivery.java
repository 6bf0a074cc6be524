package dev.cairn.metering.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One event's delivery to one endpoint: the delivery log's row.
 *
 * @param id the delivery's id
 * @param eventId the event's id (the same for every endpoint it goes to; a receiver deduplicates on it)
 * @param eventType its type
 * @param status Pending (to be tried at {@code nextAttemptAt}), Delivered, or Failed (gave up)
 * @param attempts how many times it was tried
 * @param lastStatus the HTTP status of the last attempt (null when no answer)
 * @param lastError why the last attempt failed
 * @param createdAt when the event happened
 * @param nextAttemptAt when it is tried next (Pending)
 * @param deliveredAt when an attempt got a 2xx
 */
public record Delivery(
        UUID id,
        UUID eventId,
        String eventType,
        DeliveryStatus status,
        int attempts,
        Integer lastStatus,
        String lastError,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant deliveredAt) {}
