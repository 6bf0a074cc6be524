package dev.cairn.metering.reconcile;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/** Where the true stored bytes per tenant come from: ingest's counters. */
public interface StoredBytesSource {
    /** Every tenant's counter, to {@code each}, page after page. */
    void forEach(Consumer<Counter> each);

    /** A tenant's counter and when it last moved. */
    record Counter(UUID tenantId, long storedBytes, Instant updatedAt) {}
}
