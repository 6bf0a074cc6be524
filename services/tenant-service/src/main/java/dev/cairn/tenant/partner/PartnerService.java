package dev.cairn.tenant.partner;

import dev.cairn.platform.identity.Roles;
import dev.cairn.platform.page.Cursor;
import dev.cairn.platform.page.Page;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.tenant.cluster.AgentsConfig;
import dev.cairn.tenant.identity.UserDirectory;
import dev.cairn.tenant.tenant.Tenant;
import dev.cairn.tenant.tenant.TenantPhase;
import dev.cairn.tenant.tenant.TenantService;
import dev.cairn.tenant.tenant.TenantView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Partners and their customer tenants. A partner sees only tenants it manages. */
@ApplicationScoped
public class PartnerService {
    private final TenantService tenants;
    private final UserDirectory directory;
    private final AgentsConfig agents;

    public PartnerService(TenantService tenants, UserDirectory directory, AgentsConfig agents) {
        this.tenants = tenants;
        this.directory = directory;
        this.agents = agents;
    }

    /** Adds a partner with an API client of its own and, if asked, invites its administrator. */
    public PartnerCreated create(NewPartner request) {
        UUID id = UUID.randomUUID();
        String clientId = "partner-" + id;
        String email = email(request.adminEmail());
        if (email != null && directory.findUserByEmail(email).isPresent()) {
            throw ProblemException.conflict("an account with this email exists");
        }
        String secret = directory.createPartnerClient(clientId, id);
        UserDirectory.Invitation admin = null;
        try {
            if (email != null) {
                admin = directory.invitePartnerUser(email, id);
            }
            QuarkusTransaction.requiringNew().run(() -> {
                Partner partner = new Partner();
                partner.id = id;
                partner.name = request.name();
                partner.clientId = clientId;
                partner.createdAt = Instant.now();
                partner.persist();
            });
        } catch (RuntimeException e) {
            if (admin != null) {
                directory.deleteUser(admin.user().id());
            }
            directory.deleteClient(clientId);
            throw e;
        }
        return new PartnerCreated(
                id,
                request.name(),
                clientId,
                secret,
                agents.tokenUrl(),
                email,
                admin == null ? null : admin.oneTimePassword());
    }

    /** A partner, for operators; 404 for an unknown id. */
    public PartnerView get(UUID partnerId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Partner.<Partner>findByIdOptional(partnerId).map(PartnerView::of))
                .orElseThrow(() -> ProblemException.notFound("partner " + partnerId));
    }

    /**
     * The answer to a repeated {@link #create} (its {@code Idempotency-Key}): the partner with its client's secret,
     * and a new one-time password for its administrator while they have not chosen their own.
     */
    public PartnerCreated createdAgain(UUID partnerId, NewPartner request) {
        PartnerView partner = get(partnerId);
        String email = email(request.adminEmail());
        return new PartnerCreated(
                partner.id(),
                partner.name(),
                partner.clientId(),
                directory.clientSecret(partner.clientId()),
                agents.tokenUrl(),
                email,
                email == null ? null : renewedPassword(email));
    }

    /** Creates a customer tenant under the partner and invites its administrator. */
    public CustomerTenantCreated createCustomer(UUID partnerId, CustomerTenantRequest request) {
        requirePartner(partnerId);
        String email = email(request.adminEmail());
        String dr = request.drRegion() == null || request.drRegion().isBlank() ? null : request.drRegion();
        tenants.validateRegions(request.homeRegion(), dr);
        boolean taken = QuarkusTransaction.requiringNew()
                .call(() -> Tenant.findLiveByAdminEmail(email).isPresent());
        if (taken || directory.findUserByEmail(email).isPresent()) {
            throw ProblemException.conflict("an account with this email exists");
        }
        TenantService.Draft draft = new TenantService.Draft(
                UUID.randomUUID(),
                request.organisation(),
                email,
                request.homeRegion(),
                dr,
                partnerId,
                "partner:" + partnerId);
        TenantService.Onboarded<UserDirectory.Invitation> onboarded =
                tenants.onboard(draft, id -> directory.inviteTenantUser(email, id, Roles.TENANT_ADMIN));
        return new CustomerTenantCreated(
                TenantView.of(onboarded.tenant()),
                email,
                onboarded.administrator().oneTimePassword());
    }

    /**
     * The answer to a repeated {@link #createCustomer} (its {@code Idempotency-Key}): the tenant, and a new one-time
     * password for its administrator while they have not chosen their own (the first answer's stops working).
     */
    public CustomerTenantCreated customerCreatedAgain(UUID partnerId, UUID tenantId, CustomerTenantRequest request) {
        String email = email(request.adminEmail());
        return new CustomerTenantCreated(customer(partnerId, tenantId), email, renewedPassword(email));
    }

    private String renewedPassword(String email) {
        return directory
                .findUserByEmail(email)
                .flatMap(directory::renewOneTimePassword)
                .orElse(null);
    }

    private static String email(String requested) {
        return requested == null || requested.isBlank()
                ? null
                : requested.trim().toLowerCase(Locale.ROOT);
    }

    /** A page of the partner's live customer tenants, oldest first. */
    public Page<TenantView> customers(UUID partnerId, String cursor, int limit) {
        Cursor after = Cursor.decode(cursor);
        Sort order = Sort.by("createdAt").and("id");
        List<Tenant> rows = QuarkusTransaction.requiringNew()
                .call(() -> (after == null
                                ? Tenant.<Tenant>find(
                                        "partnerId = ?1 and phase <> ?2", order, partnerId, TenantPhase.Deleted)
                                : Tenant.<Tenant>find(
                                        "partnerId = ?1 and phase <> ?2 and (createdAt > ?3 or (createdAt = ?3 and id > ?4))",
                                        order,
                                        partnerId,
                                        TenantPhase.Deleted,
                                        after.at(),
                                        after.id()))
                        .page(0, limit + 1)
                        .list());
        return Page.of(rows, limit, TenantView::of, t -> new Cursor(t.createdAt, t.id).encode());
    }

    /** One of the partner's customer tenants; 404 for any other tenant. */
    public TenantView customer(UUID partnerId, UUID tenantId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Tenant.<Tenant>find(
                                "id = ?1 and partnerId = ?2 and phase <> ?3", tenantId, partnerId, TenantPhase.Deleted)
                        .firstResultOptional()
                        .map(TenantView::of))
                .orElseThrow(() -> ProblemException.notFound("tenant " + tenantId));
    }

    private static void requirePartner(UUID partnerId) {
        if (QuarkusTransaction.requiringNew().call(() -> Partner.findById(partnerId)) == null) {
            throw new ProblemException(403, "unknown-partner", "Unknown partner", "this partner does not exist");
        }
    }
}
