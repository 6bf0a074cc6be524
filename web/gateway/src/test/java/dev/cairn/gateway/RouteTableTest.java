package dev.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.gateway.proxy.RouteTable;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private static final URI TENANT = URI.create("http://127.0.0.1:8081");
    private static final URI INGEST = URI.create("http://127.0.0.1:8082");

    private final RouteTable table = new RouteTable(
            Map.of("/api/v1/tenants", "tenant", "/api/v1/tenants/backups/", "ingest"),
            Map.of("tenant", TENANT, "ingest", INGEST));

    @Test
    void routesToTheLongestMatchingPrefix() {
        assertThat(table.resolve("/api/v1/tenants/backups/42")).contains(INGEST);
        assertThat(table.resolve("/api/v1/tenants/7")).contains(TENANT);
        assertThat(table.resolve("/api/v1/tenants")).contains(TENANT);
        assertThat(table.route("/api/v1/tenants/backups/42")).contains(new RouteTable.Route("ingest", INGEST));
    }

    @Test
    void matchesWholeSegmentsOnly() {
        assertThat(table.resolve("/api/v1/tenantsx")).isEmpty();
        assertThat(table.resolve("/api/v2/tenants")).isEmpty();
    }

    @Test
    void refusesARouteToAnUnknownService() {
        assertThatThrownBy(() -> new RouteTable(Map.of("/api", "nowhere"), Map.of()))
                .hasMessageContaining("nowhere");
    }
}
