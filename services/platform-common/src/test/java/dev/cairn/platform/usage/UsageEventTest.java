package dev.cairn.platform.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UsageEventTest {

    @Test
    void theStoredExampleOfVersion1Decodes() throws IOException {
        byte[] example;
        try (InputStream in = getClass().getResourceAsStream("/wire/usage-event-v1.json")) {
            example = in.readAllBytes();
        }
        UsageEvent event = UsageEvent.decode(example);
        assertThat(event.kind()).isEqualTo(UsageKind.STORED);
        assertThat(event.bytes()).isEqualTo(-4_194_304L);
        assertThat(event.tenantId()).isEqualTo(UUID.fromString("2b7e1516-28ae-4d2a-abf7-158809cf4f3c"));
        assertThat(event.region()).isEqualTo("eu-west-1");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-02T10:15:30.123456Z"));
        assertThat(event.backupId()).isNull();
        assertThat(event.traceparent()).isNull();
    }

    @Test
    void anEventSurvivesItsEncoding() {
        UsageEvent event = new UsageEvent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UsageKind.PROTECTED,
                123_456_789_012L,
                null,
                UUID.randomUUID(),
                UUID.randomUUID(),
                Instant.parse("2026-01-31T23:59:59.999Z"),
                null,
                null);
        assertThat(UsageEvent.decode(event.encode())).isEqualTo(event);
        assertThat(new String(event.encode(), StandardCharsets.UTF_8))
                .contains("\"type\":\"dev.cairn.usage.protected.v1\"", "\"specversion\":\"1.0\"");
    }

    @Test
    void theStoredConnectedExampleCountsClustersFromTheTenantService() throws IOException {
        UsageEvent event;
        try (InputStream in = getClass().getResourceAsStream("/wire/usage-event-connected-v1.json")) {
            event = UsageEvent.decode(in.readAllBytes());
        }
        assertThat(event.kind()).isEqualTo(UsageKind.CONNECTED);
        assertThat(event.bytes()).isEqualTo(-1);
        assertThat(event.clusterId()).isEqualTo(UUID.fromString("9d1b6a2e-4c3f-4e8a-b1d2-7f6e5a4c3b2a"));
        String encoded = new String(event.encode(), StandardCharsets.UTF_8);
        assertThat(encoded).contains("\"source\":\"/cairn/tenant-service\"", "\"clusters\":-1");
        assertThat(encoded).doesNotContain("\"bytes\"");
        assertThat(UsageEvent.decode(event.encode())).isEqualTo(event);
    }

    /** The trace an event was written in rides along as CloudEvents' distributed tracing extension attribute. */
    @Test
    void theStoredTracedExampleCarriesTheTraceItWasWrittenIn() throws IOException {
        UsageEvent event;
        try (InputStream in = getClass().getResourceAsStream("/wire/usage-event-traced-v1.json")) {
            event = UsageEvent.decode(in.readAllBytes());
        }
        assertThat(event.kind()).isEqualTo(UsageKind.PROTECTED);
        assertThat(event.backupId()).isEqualTo(UUID.fromString("bac0b0b0-0000-4000-8000-00000000000c"));
        assertThat(event.traceparent()).isEqualTo("00-bac0b0b000004000800000000000000c-3ac0b0b00000400c-01");
        assertThat(UsageEvent.decode(event.encode())).isEqualTo(event);
    }

    @Test
    void aTraceThatIsNotOneIsDroppedAndTheEventKept() {
        UsageEvent event = new UsageEvent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UsageKind.INGESTED,
                10,
                "eu-west-1",
                null,
                null,
                Instant.parse("2026-12-02T10:00:00Z"),
                null,
                "00-not-a-trace");
        UsageEvent decoded = UsageEvent.decode(event.encode());
        assertThat(decoded.traceparent()).isNull();
        assertThat(decoded.bytes()).isEqualTo(10);
    }

    @Test
    void onlyStoredBytesAndConnectedClustersGoBelowZero() {
        UUID tenant = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-02T10:00:00Z");
        for (UsageKind kind : UsageKind.values()) {
            if (kind.signed()) {
                assertThat(new UsageEvent(UUID.randomUUID(), tenant, kind, -1, null, null, null, at, null, null)
                                .bytes())
                        .isEqualTo(-1);
            } else {
                org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                        .isThrownBy(() ->
                                new UsageEvent(UUID.randomUUID(), tenant, kind, -1, null, null, null, at, null, null));
            }
        }
        assertThat(java.util.Arrays.stream(UsageKind.values()).filter(UsageKind::signed))
                .containsExactly(UsageKind.STORED, UsageKind.CONNECTED);
    }

    @Test
    void aFailedBackupTravelsWithItsReasonUnderATypeOfItsOwn() {
        UsageEvent failed = new UsageEvent(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UsageKind.BACKUP_FAILED,
                0,
                null,
                UUID.randomUUID(),
                UUID.randomUUID(),
                Instant.parse("2026-12-02T10:00:00Z"),
                "quota-exceeded: the tenant holds 5 bytes, \"plan\" TEST",
                null);
        assertThat(new String(failed.encode(), StandardCharsets.UTF_8))
                .contains("\"type\":\"dev.cairn.backup.failed.v1\"");
        assertThat(UsageEvent.decode(failed.encode())).isEqualTo(failed);
    }

    @Test
    void whatIsNotAVersion1UsageEventIsRefusedWithItsReason() {
        assertThatThrownBy(() -> UsageEvent.decode("{".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> UsageEvent.decode("{\"specversion\":\"1.0\",\"type\":\"dev.cairn.usage.stored.v2\"}"
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> UsageEvent.decode(("{\"specversion\":\"1.0\",\"type\":\"dev.cairn.usage.ingested.v1\","
                                + "\"id\":\"6f1c2d1e-8a43-3c55-9a2f-0d6b1f3e9a10\",\"time\":\"2026-12-02T10:00:00Z\","
                                + "\"data\":{\"tenantId\":\"2b7e1516-28ae-4d2a-abf7-158809cf4f3c\",\"bytes\":-1}}")
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("cannot be negative");
    }
}
