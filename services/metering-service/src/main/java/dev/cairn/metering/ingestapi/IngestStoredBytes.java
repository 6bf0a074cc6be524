package dev.cairn.metering.ingestapi;

import dev.cairn.metering.reconcile.StoredBytesSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Consumer;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Ingest's counters through its internal API, a thousand tenants a call. */
@ApplicationScoped
public class IngestStoredBytes implements StoredBytesSource {
    private final StoredBytesClient ingest;

    public IngestStoredBytes(@RestClient StoredBytesClient ingest) {
        this.ingest = ingest;
    }

    @Override
    public void forEach(Consumer<Counter> each) {
        UUID cursor = null;
        do {
            StoredBytesClient.CounterPage page = ingest.page(cursor, 1000);
            page.items().forEach(c -> each.accept(new Counter(c.tenantId(), c.storedBytes(), c.updatedAt())));
            cursor = page.nextCursor() == null ? null : UUID.fromString(page.nextCursor());
        } while (cursor != null);
    }
}
