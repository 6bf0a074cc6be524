package dev.cairn.tenant.tenant;

import java.util.Collection;
import java.util.UUID;

/** A tenant's objects in the regions' object stores (layout: docs/protocol.md, "Object layout"). */
public interface TenantObjects {

    /** Deletes every object of the tenant in the regions; returns how many were deleted. */
    long deleteAll(UUID tenantId, Collection<String> regions);
}
