package dev.cairn.ingest.pack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A tenant's promise lock, a transaction-level advisory lock: missing-queries hold it shared while they read which
 * chunks are present and stamp the packs that hold them; garbage collection holds it exclusively while it sweeps the
 * tenant's chunks, so that a sweep either sees a promise's stamps or runs before the promise reads (and the chunks it
 * removed are answered missing). Keys of two integers (a class for these locks and a hash of the tenant) never meet
 * the single-number keys of the collection lock; two tenants sharing a hash only wait on each other.
 * docs/adr/0024-promises-are-stamped-on-packs-under-a-tenant-lock.md.
 */
public final class PromiseLock {
    /** The lock class: "PROM" as a number. */
    private static final int CLASS = 0x50524f4d;

    private PromiseLock() {}

    /** Takes the tenant's lock shared until {@code c}'s transaction ends (waits while a sweep holds it). */
    public static void share(Connection c, UUID tenant) throws SQLException {
        take(c, tenant, "SELECT pg_advisory_xact_lock_shared(?, ?)");
    }

    /** Takes the tenant's lock exclusively until {@code c}'s transaction ends (waits for promises in flight). */
    public static void exclusive(Connection c, UUID tenant) throws SQLException {
        take(c, tenant, "SELECT pg_advisory_xact_lock(?, ?)");
    }

    private static void take(Connection c, UUID tenant, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, CLASS);
            s.setInt(2, tenant.hashCode());
            s.execute();
        }
    }
}
