package dev.cairn.platform.tenant;

import java.util.UUID;

/**
 * What a service keeps of a tenant, forgotten when the tenant is purged ({@link TenantEvent.Type#Deleted}). A service
 * that keeps tenant data has one such bean, and {@code kafka/TenantEventsConsumer} calls it for every purged tenant;
 * forgetting must be idempotent (an event may come twice, and a group that starts afresh replays every purge).
 */
public interface TenantForgetting {
    /** What is forgotten, for the log ({@code "backup catalog"}). */
    String what();

    /**
     * Forgets the tenant's data in this service.
     *
     * @return how many things (rows) were forgotten; 0 when it was forgotten already
     * @throws RuntimeException when it cannot be done now: the event is retried, never skipped
     */
    long forget(UUID tenantId);
}
