package dev.cairn.api.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cairn.api.agent.backup.BackupPhase;
import dev.cairn.api.agent.backup.BackupView;
import dev.cairn.api.agent.backup.Locations;
import dev.cairn.api.agent.backup.PackUpload;
import dev.cairn.api.agent.command.BrowseReport;
import dev.cairn.api.agent.command.CommandKind;
import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.api.agent.command.Delivery;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.api.agent.command.StatusReport;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decodes the stored v1 JSON bodies ({@code src/test/resources/v1/}) into the contract's records, strictly: a field
 * renamed or removed in a record makes its stored example carry an unknown property and fails here, before an agent
 * in the field meets it. (Agents and services themselves tolerate unknown fields, so that adding one is compatible.)
 */
class StoredV1BodiesTest {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // times as the agent and the services write them: ISO-8601 text
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final UUID TENANT = UUID.fromString("7e4a1c2b-0000-4000-8000-00000000000a");
    private static final UUID CLUSTER = UUID.fromString("c1a57e20-0000-4000-8000-00000000000b");

    @Test
    void registration() throws IOException {
        AgentRegistrationRequest request = read("registration-request.json", AgentRegistrationRequest.class);
        assertThat(request.token()).startsWith("cairn_reg_");
        assertThat(request.nodeCount()).isEqualTo(3);
        assertThat(request.facts().capabilitiesOrNone())
                .as("an agent older than capabilities reports none")
                .isEmpty();
        AgentCredentials answer = read("registration-answer.json", AgentCredentials.class);
        assertThat(answer.tenantId()).isEqualTo(TENANT);
        assertThat(answer.clusterId()).isEqualTo(CLUSTER);
        assertThat(answer.kafka().topic()).isEqualTo("cairn.data.v1");
        assertThat(answer.kafka().saslMechanism()).isEqualTo("SCRAM-SHA-512");
        assertThat(answer.api().platformUrl()).isEqualTo("https://api.cairn.example");
        assertThat(answer.dataKeys()).containsOnlyKeys("CHUNK_ID", "CHUNK_ENCRYPTION");
    }

    @Test
    void heartbeatAndIdentity() throws IOException {
        assertThat(read("heartbeat.json", Heartbeat.class))
                .isEqualTo(new Heartbeat("0.1.0", "v1.31.2", 3, 12, List.of(AgentCapabilities.RESTORE_DRILL)));
        AgentIdentity identity = read("agent-identity.json", AgentIdentity.class);
        assertThat(identity.phase()).isEqualTo(ClusterPhase.Connected);
        assertThat(identity.homeRegion()).isEqualTo("eu-west-1");
    }

    @Test
    void delivery() throws IOException {
        Delivery delivery = read("delivery.json", Delivery.class);
        assertThat(delivery.leaseSeconds()).isEqualTo(120);
        assertThat(delivery.cancel()).hasSize(1);
        assertThat(delivery.superseded()).isFalse();
        assertThat(STRICT.readValue("{\"commands\":[],\"cancel\":[],\"leaseSeconds\":120}", Delivery.class)
                        .superseded())
                .as("absent from a platform older than one poll per cluster")
                .isFalse();
        Delivery.Command drill = delivery.commands().get(2);
        assertThat(drill.restore().namespacePrefix()).isEqualTo("drill-a1b2c3-");
        assertThat(drill.restore().removesAfter()).isTrue();
        assertThat(delivery.commands().get(1).restore().removesAfter()).isFalse();
        Delivery.Command backup = delivery.commands().get(0);
        assertThat(backup.kind()).isEqualTo(CommandKind.BACKUP);
        assertThat(backup.restore()).isNull();
        assertThat(backup.backup().includeNamespaces()).containsExactly("shop", "pay*");
        assertThat(backup.backup().includeClusterResources()).isNull();
        assertThat(backup.backup().volumes()).isTrue();
        assertThat(backup.traceparent()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        Delivery.Command restore = delivery.commands().get(1);
        assertThat(restore.traceparent()).as("absent from older platforms").isNull();
        assertThat(restore.kind()).isEqualTo(CommandKind.RESTORE);
        assertThat(restore.restore().namespaceMapping()).isEqualTo(Map.of("shop", "shop-dr"));
        assertThat(restore.restore().preview()).isTrue();
        assertThat(restore.restore().restoresVolumes()).isTrue();
    }

    @Test
    void statusReports() throws IOException {
        StatusReport running = read("status-running.json", StatusReport.class);
        assertThat(running.phase()).isEqualTo(CommandPhase.Running);
        assertThat(running.progress().etaSeconds()).isEqualTo(13L);

        StatusReport backup = read("status-backup-final.json", StatusReport.class);
        assertThat(backup.phase()).isEqualTo(CommandPhase.PartiallyFailed);
        assertThat(backup.backup().phase()).isEqualTo(BackupPhase.Completed);
        assertThat(backup.backup().statistics().files()).isEqualTo(140);
        assertThat(backup.backup().volumes()).extracting(v -> v.state()).containsExactly("Completed", "Failed");

        StatusReport restore = read("status-restore-final.json", StatusReport.class);
        assertThat(restore.restore().phase()).isEqualTo(Outcome.Completed);
        assertThat(restore.restore().items().get(0).action()).isEqualTo(RestoreReport.Action.CREATE);
        assertThat(restore.restore().volumes().get(0).bytes()).isEqualTo(2147483648L);
        assertThat(restore.progress().etaSeconds()).isNull();
    }

    @Test
    void browseCommandsAndTheirReports() throws IOException {
        Delivery.Command browse =
                read("delivery.json", Delivery.class).commands().get(3);
        assertThat(browse.kind()).isEqualTo(CommandKind.BROWSE);
        assertThat(browse.browse().components()).containsExactly("resources", "namespaces", "shop");
        assertThat(browse.browse().pageSize()).isEqualTo(100);
        assertThat(browse.browse().download()).isFalse();

        BrowseReport listing =
                read("status-browse-listing.json", StatusReport.class).browse();
        assertThat(listing.entries())
                .extracting(BrowseReport.Entry::type)
                .containsExactly(BrowseReport.EntryType.DIRECTORY, BrowseReport.EntryType.FILE);
        assertThat(listing.entries().get(1).name()).isEqualTo("caf\\xe9.txt");
        assertThat(listing.entries().get(1).modifiedAt()).isEqualTo(Instant.parse("2026-12-02T01:00:00.500Z"));
        assertThat(listing.next()).isEqualTo("caf\\xe9.txt");
        assertThat(listing.file()).isNull();

        BrowseReport download =
                read("status-browse-download.json", StatusReport.class).browse();
        assertThat(download.entries()).isEmpty();
        assertThat(download.file().size()).isEqualTo(1234);
        assertThat(download.file().sha256()).hasSize(64);
    }

    @Test
    void backupsAndLocations() throws IOException {
        BackupView view = read("backup-view.json", BackupView.class);
        assertThat(view.phase().restorable()).isTrue();
        assertThat(view.startedAt()).isEqualTo(Instant.parse("2026-12-02T01:00:00.123Z"));
        assertThat(view.statistics().logicalBytes()).isEqualTo(812345);
        assertThat(view.root()).hasSize(1);
        Locations locations = read("locations.json", Locations.class);
        assertThat(locations.chunks().get(0).offset()).isEqualTo(4096);
        assertThat(locations.missing()).hasSize(1);
        PackUpload upload = read("pack-upload.json", PackUpload.class);
        assertThat(upload.url()).contains(upload.packId().toString());
        assertThat(upload.maxBytes()).isEqualTo(64L << 20);
    }

    @Test
    void everyStoredBodyWritesBackToWhatItSaid() throws IOException {
        for (var example : List.of(
                Map.entry("delivery.json", Delivery.class),
                Map.entry("status-backup-final.json", StatusReport.class),
                Map.entry("status-restore-final.json", StatusReport.class),
                Map.entry("status-browse-listing.json", StatusReport.class),
                Map.entry("status-browse-download.json", StatusReport.class),
                Map.entry("pack-upload.json", PackUpload.class),
                Map.entry("registration-answer.json", AgentCredentials.class))) {
            Object decoded = read(example.getKey(), example.getValue());
            assertThat(STRICT.readTree(STRICT.writeValueAsBytes(decoded)))
                    .as(example.getKey())
                    .isEqualTo(STRICT.readTree(stored(example.getKey())));
        }
    }

    private static <T> T read(String name, Class<T> type) throws IOException {
        return STRICT.readValue(stored(name), type);
    }

    private static byte[] stored(String name) throws IOException {
        try (InputStream in = StoredV1BodiesTest.class.getResourceAsStream("/v1/" + name)) {
            assertThat(in).as("stored example v1/" + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
