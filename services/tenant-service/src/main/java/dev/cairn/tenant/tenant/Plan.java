package dev.cairn.tenant.tenant;

/** A tenant's plan, which sets its quota of stored bytes in the home region. */
public enum Plan {
    /** The free tier: 1 TB, that is 10^12 stored bytes. */
    FREE(1_000_000_000_000L);

    private final long quotaBytes;

    Plan(long quotaBytes) {
        this.quotaBytes = quotaBytes;
    }

    public long quotaBytes() {
        return quotaBytes;
    }
}
