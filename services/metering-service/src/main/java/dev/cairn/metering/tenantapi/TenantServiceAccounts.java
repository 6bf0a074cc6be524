package dev.cairn.metering.tenantapi;

import dev.cairn.metering.account.Account;
import dev.cairn.metering.account.AccountDirectory;
import dev.cairn.metering.account.PlanTerms;
import dev.cairn.platform.usage.Quota;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.cache.CaffeineCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Accounts and plans from the tenant service. Accounts are cached in the bounded {@code quotas} cache (a plan, quota
 * or partner change shows within its time to live), unknown tenants too; a failed lookup is not cached. A batch of
 * usage looks its tenants up together: those not cached in one call per thousand. Pages of
 * customers are read fresh (a partner's list must show a customer made a second ago).
 */
@ApplicationScoped
public class TenantServiceAccounts implements AccountDirectory {
    /** Tenants per bulk lookup (the tenant service takes up to 1,000). */
    private static final int BULK = 1000;

    private final TenantQuotaClient tenantService;
    private final Cache quotas;

    public TenantServiceAccounts(@RestClient TenantQuotaClient tenantService, @CacheName("quotas") Cache quotas) {
        this.tenantService = tenantService;
        this.quotas = quotas;
    }

    @Override
    @CacheResult(cacheName = "quotas")
    public Optional<Account> find(UUID tenantId) {
        try {
            return Optional.of(account(tenantService.account(tenantId)));
        } catch (TenantQuotaClient.NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<UUID, Optional<Account>> findAll(Collection<UUID> tenantIds) {
        Map<UUID, Optional<Account>> found = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        CaffeineCache cache = quotas.as(CaffeineCache.class);
        for (UUID tenant : tenantIds) {
            CompletableFuture<Object> cached = cache.getIfPresent(tenant);
            if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()) {
                @SuppressWarnings("unchecked")
                Optional<Account> account = (Optional<Account>) cached.join();
                found.put(tenant, account);
            } else {
                missing.add(tenant);
            }
        }
        for (int from = 0; from < missing.size(); from += BULK) {
            List<UUID> batch = missing.subList(from, Math.min(missing.size(), from + BULK));
            Map<UUID, Account> answered = new HashMap<>();
            tenantService
                    .accounts(new TenantQuotaClient.TenantIds(batch))
                    .forEach(a -> answered.put(a.tenantId(), account(a)));
            for (UUID tenant : batch) {
                Optional<Account> account = Optional.ofNullable(answered.get(tenant));
                cache.put(tenant, CompletableFuture.completedFuture(account));
                found.put(tenant, account);
            }
        }
        return found;
    }

    @Override
    public Page customers(UUID partnerId, UUID after, int limit) {
        TenantQuotaClient.AccountPage page = tenantService.customers(partnerId, after, Math.min(500, limit));
        return new Page(
                page.items().stream().map(TenantServiceAccounts::account).toList(),
                page.nextCursor() == null ? null : UUID.fromString(page.nextCursor()));
    }

    @Override
    @CacheResult(cacheName = "plans")
    public Optional<PlanTerms> plan(String code) {
        String cursor = null;
        do {
            TenantQuotaClient.PlanPage page = tenantService.plans(cursor, 500);
            for (TenantQuotaClient.PlanAnswer p : page.items()) {
                if (p.code().equals(code)) {
                    return Optional.of(new PlanTerms(
                            p.code(), p.name(), p.currency(), p.pricePerTbMonth(), p.pricePerClusterMonth()));
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return Optional.empty();
    }

    private static Account account(TenantQuotaClient.AccountAnswer a) {
        return new Account(a.tenantId(), a.name(), a.partnerId(), new Quota(a.plan(), a.limitBytes()));
    }
}
