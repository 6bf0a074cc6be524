package dev.cairn.tenant.deletion;

import java.util.UUID;

/** The backup catalog of a tenant, kept by ingest: forgotten when the tenant is purged, before its objects go. */
public interface TenantCatalog {
    /**
     * Forgets the tenant's backups, chunks and stored bytes (metering then counts them freed). Idempotent.
     *
     * @throws RuntimeException when ingest cannot do it now (the purge is retried)
     */
    void forget(UUID tenantId);
}
