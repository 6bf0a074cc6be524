package dev.cairn.metering.tenantapi;

import dev.cairn.metering.account.Account;
import dev.cairn.metering.account.AccountDirectory;
import dev.cairn.metering.account.PlanTerms;
import dev.cairn.platform.usage.Quota;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Accounts and plans from the tenant service. Accounts are cached in the bounded {@code quotas} cache (a plan, quota
 * or partner change shows within its time to live), unknown tenants too; a failed lookup is not cached. Pages of
 * customers are read fresh (a partner's list must show a customer made a second ago).
 */
@ApplicationScoped
public class TenantServiceAccounts implements AccountDirectory {
    private final TenantQuotaClient tenantService;

    public TenantServiceAccounts(@RestClient TenantQuotaClient tenantService) {
        this.tenantService = tenantService;
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
    public Page customers(UUID partnerId, UUID after) {
        TenantQuotaClient.AccountPage page = tenantService.customers(partnerId, after, 500);
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
