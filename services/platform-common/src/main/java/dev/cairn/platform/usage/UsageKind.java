package dev.cairn.platform.usage;

/** What a usage event counts. One spelling in the ingest outbox, on the usage topic and in metering. */
public enum UsageKind {
    /** A signed delta of the bytes the tenant holds in object storage: a pack written (+), retired or rewritten (−). */
    STORED,
    /** Envelope bytes received from the tenant's agents and written into a pack (after dedup and compression). */
    INGESTED,
    /** Logical bytes a finished backup protects (the size of what it covers, before dedup and compression). */
    PROTECTED,
    /** Bytes a finished backup found new (not in any earlier backup of the tenant), as its agent counted them. */
    NEW,
    /** Egress: chunk bytes handed out for reading (restore, verification) through pre-signed URLs. */
    RESTORED,
    /** Bytes copied to the tenant's DR region. */
    REPLICATED,
    /**
     * A signed delta of the tenant's connected clusters, a count (on the wire {@code data.clusters}): an agent
     * registered (+1), a connected cluster revoked, also when its tenant is purged (−1). Written by the tenant
     * service.
     */
    CONNECTED,
    /**
     * Not usage: a backup ended Failed (0 bytes, the reason in {@code detail}). It travels with the usage events, in
     * the same outbox and topic, so that the tenant's partner hears of it exactly once ({@code backup.failed}).
     */
    BACKUP_FAILED;

    /** Whether its quantity is a signed delta (the others never go below 0). */
    public boolean signed() {
        return this == STORED || this == CONNECTED;
    }

    /** The name of its quantity in the event's {@code data}: {@code clusters} for CONNECTED, else {@code bytes}. */
    public String quantity() {
        return this == CONNECTED ? "clusters" : "bytes";
    }

    /** The CloudEvents {@code source}: the service that writes events of this kind. */
    public String source() {
        return this == CONNECTED ? "/cairn/tenant-service" : "/cairn/ingest-service";
    }

    /** The CloudEvents type of this kind, version 1: {@code dev.cairn.usage.stored.v1}, {@code dev.cairn.backup.failed.v1}. */
    public String eventType() {
        return this == BACKUP_FAILED
                ? "dev.cairn.backup.failed.v1"
                : "dev.cairn.usage." + name().toLowerCase(java.util.Locale.ROOT) + ".v1";
    }

    /** The kind of a CloudEvents type of version 1; empty for any other type (a later version, a stranger). */
    public static java.util.Optional<UsageKind> ofEventType(String type) {
        for (UsageKind kind : values()) {
            if (kind.eventType().equals(type)) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }
}
