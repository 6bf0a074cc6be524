package dev.cairn.metering.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where tenants' accounts and plans come from (the tenant service). Every method may throw when it cannot answer. */
public interface AccountDirectory {
    /** The tenant's account; empty when the tenant is unknown or deleted. */
    Optional<Account> find(UUID tenantId);

    /**
     * The accounts of many tenants at once (a batch of usage): each tenant of {@code tenantIds} maps to its account,
     * or to empty when it is unknown or deleted.
     */
    java.util.Map<UUID, Optional<Account>> findAll(java.util.Collection<UUID> tenantIds);

    /**
     * A page of up to {@code limit} (at most 500) of the partner's customer accounts after {@code after} (null: the
     * first), in tenant id order.
     */
    Page customers(UUID partnerId, UUID after, int limit);

    /** A plan's terms; empty when no plan has that code. */
    Optional<PlanTerms> plan(String code);

    /** One page of accounts; {@code next} is the cursor of the next page, or null. */
    record Page(List<Account> items, UUID next) {}
}
