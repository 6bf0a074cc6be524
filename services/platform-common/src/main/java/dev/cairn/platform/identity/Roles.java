package dev.cairn.platform.identity;

/** The realm roles of {@code infra/keycloak/cairn-realm.json}, for {@code @RolesAllowed}. */
public final class Roles {
    /** A tenant's administrator: writes everything of the tenant. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** A tenant's read-only user. */
    public static final String TENANT_VIEWER = "tenant-viewer";
    /** A cluster's agent (client credentials of its own API client). */
    public static final String AGENT = "agent";
    /** A partner (reseller, MSP) administrator: its customer tenants. */
    public static final String PARTNER_ADMIN = "partner-admin";
    /** The platform's operators. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** The ingest service's own identity, for the internal agent directory. */
    public static final String INGEST_SERVICE = "ingest-service";
    /** The scheduler service's own identity: queues the commands its policies fire, reads how they went. */
    public static final String SCHEDULER_SERVICE = "scheduler-service";
    /** The tenant service's own identity: tells ingest to forget a purged tenant's catalog. */
    public static final String TENANT_SERVICE = "tenant-service";
    /** The metering service's own identity: reads tenants' quotas and ingest's stored-bytes counters. */
    public static final String METERING_SERVICE = "metering-service";
    /**
     * The recovery service's own identity: sends its recoveries' RESTORE commands, checks and pins the region a
     * restore reads from.
     */
    public static final String RECOVERY_SERVICE = "recovery-service";

    private Roles() {}
}
