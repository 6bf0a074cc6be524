package dev.cairn.tenant.plan;

import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.tenant.Tenant;
import dev.cairn.tenant.tenant.TenantPhase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Plans, the plan of each tenant, and the quotas partners set for their customers. */
@ApplicationScoped
public class PlanService {
    private static final int MAX_PAGE = 500;

    /** A page of plans in the order of their codes. */
    public Page<PlanView> list(String cursor, int limit) {
        String after = cursor == null || cursor.isBlank() ? "" : decode(cursor);
        int size = Math.max(1, Math.min(MAX_PAGE, limit));
        List<Plan> plans = QuarkusTransaction.requiringNew()
                .call(() -> Plan.<Plan>find("code > ?1 order by code", after)
                        .page(0, size + 1)
                        .list());
        List<PlanView> items = plans.stream().limit(size).map(PlanView::of).toList();
        String next = plans.size() > size
                ? Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(items.getLast().code().getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page<>(items, next);
    }

    public PlanView get(String code) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Plan.<Plan>findByIdOptional(code).map(PlanView::of))
                .orElseThrow(() -> ProblemException.notFound("plan " + code));
    }

    /**
     * Defines a plan. Idempotent on its code: the same definition again answers the plan (and false), a different
     * one under a code that exists is a conflict (plans are not edited: tenants' statements refer to them).
     *
     * @return true when the plan is new
     */
    public boolean create(PlanView view) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Plan existing = Plan.findById(view.code());
            if (existing != null) {
                if (!view.sameAs(existing)) {
                    throw ProblemException.conflict(
                            "plan " + view.code() + " exists with other terms; plans are not changed, add a new one");
                }
                return false;
            }
            Plan p = new Plan();
            p.code = view.code();
            p.name = view.name();
            p.storedBytesLimit = view.storedBytesLimit();
            p.currency = view.currency();
            p.pricePerTbMonth = view.pricePerTbMonth();
            p.pricePerClusterMonth = view.pricePerClusterMonth();
            p.createdAt = Instant.now();
            p.persist();
            return true;
        });
    }

    /** Puts a tenant on a plan (operators); its quota becomes the plan's limit. */
    public QuotaView changePlan(UUID tenantId, String code) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Plan plan = Plan.<Plan>findByIdOptional(code)
                    .orElseThrow(() -> ProblemException.invalidField("plan", "no plan has the code " + code));
            Tenant t = live(Tenant.findById(tenantId), tenantId);
            t.plan = plan.code;
            t.quotaBytes = plan.storedBytesLimit;
            t.updatedAt = Instant.now();
            return QuotaView.of(t);
        });
    }

    /** A partner sets the quota of one of its customers, within the customer's plan; another's tenant is 404. */
    public QuotaView setCustomerQuota(UUID partnerId, UUID tenantId, long quotaBytes) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Tenant t = Tenant.<Tenant>find("id = ?1 and partnerId = ?2", tenantId, partnerId)
                    .firstResultOptional()
                    .orElse(null);
            t = live(t, tenantId);
            Plan plan = Plan.findById(t.plan);
            if (quotaBytes > plan.storedBytesLimit) {
                throw ProblemException.invalidField(
                        "quotaBytes",
                        "at most the plan's limit: " + plan.storedBytesLimit + " bytes on plan " + plan.code);
            }
            t.quotaBytes = quotaBytes;
            t.updatedAt = Instant.now();
            return QuotaView.of(t);
        });
    }

    /** A partner's customer tenants (not deleted) after {@code after} in id order, for metering. */
    public Page<QuotaView> customers(UUID partnerId, UUID after, int limit) {
        int size = Math.max(1, Math.min(MAX_PAGE, limit));
        List<Tenant> page = QuarkusTransaction.requiringNew()
                .call(() -> Tenant.<Tenant>find(
                                "partnerId = ?1 and phase <> ?2 and id > ?3 order by id",
                                partnerId,
                                TenantPhase.Deleted,
                                after == null ? new UUID(0, 0) : after)
                        .page(0, size + 1)
                        .list());
        List<QuotaView> items = page.stream().limit(size).map(QuotaView::of).toList();
        return new Page<>(items, page.size() > size ? items.getLast().tenantId().toString() : null);
    }

    /** The quotas of those of {@code tenantIds} that exist and are not deleted (internal: metering, in batches). */
    public List<QuotaView> quotas(java.util.Collection<UUID> tenantIds) {
        if (tenantIds.isEmpty()) {
            return List.of();
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> Tenant.<Tenant>list(
                                "id in ?1 and phase not in ?2",
                                tenantIds,
                                List.of(TenantPhase.Purging, TenantPhase.Deleted))
                        .stream()
                        .map(QuotaView::of)
                        .toList());
    }

    /**
     * A tenant's quota (internal: ingest and metering); 404 when there is no such tenant, or it is being purged or
     * deleted (so that nothing records a level for a tenant whose data every service is forgetting).
     */
    public QuotaView quota(UUID tenantId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Tenant t = live(Tenant.findById(tenantId), tenantId);
            return QuotaView.of(t);
        });
    }

    private static Tenant live(Tenant t, UUID id) {
        if (t == null || t.phase == TenantPhase.Deleted || t.phase == TenantPhase.Purging) {
            throw ProblemException.notFound("tenant " + id);
        }
        return t;
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "not a cursor of this list: start again without one");
        }
    }
}
