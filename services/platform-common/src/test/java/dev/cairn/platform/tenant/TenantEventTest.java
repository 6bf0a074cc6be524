package dev.cairn.platform.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantEventTest {

    @Test
    void theStoredExampleOfVersion1Decodes() throws IOException {
        byte[] example;
        try (InputStream in = getClass().getResourceAsStream("/wire/tenant-deleted-v1.json")) {
            example = in.readAllBytes();
        }
        TenantEvent event = TenantEvent.decode(example);
        assertThat(event.type()).isEqualTo(TenantEvent.Type.Deleted);
        assertThat(event.tenantId()).isEqualTo(UUID.fromString("2b7e1516-28ae-4d2a-abf7-158809cf4f3c"));
        assertThat(event.id()).isEqualTo(UUID.fromString("0b4cf0a4-5f0e-4d59-9a5c-3f3a4c1e2d11"));
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-04T23:30:00.5Z"));
    }

    @Test
    void anEventSurvivesItsEncoding() {
        TenantEvent event = TenantEvent.deleted(UUID.randomUUID(), Instant.parse("2026-01-31T23:59:59.999Z"));
        assertThat(TenantEvent.decode(event.encode())).isEqualTo(event);
        assertThat(new String(event.encode(), StandardCharsets.UTF_8))
                .contains("\"type\":\"dev.cairn.tenant.deleted.v1\"", "\"subject\":\"tenants/" + event.tenantId());
    }

    @Test
    void whatIsNoTenantEventIsRefusedWithTheReason() {
        assertThatThrownBy(() -> TenantEvent.decode("nope".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> TenantEvent.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not a JSON object");
        assertThatThrownBy(() -> TenantEvent.decode("{\"specversion\":\"0.3\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not a CloudEvents 1.0 event");
        assertThatThrownBy(() -> TenantEvent.decode("{\"specversion\":\"1.0\",\"type\":\"dev.cairn.tenant.stolen.v1\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessage("unknown event type dev.cairn.tenant.stolen.v1");
        assertThatThrownBy(
                        () -> TenantEvent.decode(("{\"specversion\":\"1.0\",\"type\":\"dev.cairn.tenant.deleted.v1\","
                                        + "\"id\":\"x\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{}}")
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("bad id, data.tenantId or time");
        assertThatThrownBy(() -> TenantEvent.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
