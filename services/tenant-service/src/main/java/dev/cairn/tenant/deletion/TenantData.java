package dev.cairn.tenant.deletion;

import java.util.UUID;

/**
 * What another service keeps of a tenant (ingest's backup catalog, the scheduler's policies, the recovery service's
 * recoveries), forgotten when the tenant is purged, before its objects and keys go. Every implementation is called,
 * and each forgetting is idempotent: a purge that fails half-way runs them all again.
 */
public interface TenantData {
    /** What this is, for the purge's log ({@code "ingest catalog"}). */
    String what();

    /**
     * Forgets the tenant's data in the service that keeps it.
     *
     * @throws RuntimeException when the service cannot do it now (the purge is retried)
     */
    void forget(UUID tenantId);
}
