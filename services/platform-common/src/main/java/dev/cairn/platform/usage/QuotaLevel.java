package dev.cairn.platform.usage;

/** Where a tenant's stored bytes stand against its limit. One spelling in ingest, metering, the API and webhooks. */
public enum QuotaLevel {
    /** Under 80 % of the limit. */
    Ok,
    /** At 80 % of the limit or more: a warning is sent once when the tenant gets here. */
    Warning,
    /** At the limit or over it: new backups are refused until deletion and garbage collection bring it back under. */
    Exceeded
}
