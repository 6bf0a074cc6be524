package dev.cairn.it.crash;

import static dev.cairn.it.support.Catalog.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.data.chunk.ChunkSealer;
import dev.cairn.data.chunk.SealedChunk;
import dev.cairn.it.support.AgentRecords;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.DisruptsThePlatform;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.platform.ServiceProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ingest killed with SIGKILL while records are in flight, then restarted: every chunk ends up in the catalog exactly
 * once, stored bytes equal what the committed packs hold, and every committed chunk's pack is in the bucket. A pack
 * uploaded but not committed is an orphan (listed here; garbage collection will remove such packs).
 */
@DisruptsThePlatform
class IngestCrashIT {
    @Test
    void aKilledIngestResumesAndCountsEveryChunkExactlyOnce() throws Exception {
        Platform platform = TestPlatform.get();
        Tenants.SignedUp tenant = Tenants.free("Crash Co");
        Agents.Registered agent = Agents.registered(tenant, "crashy");
        ChunkSealer sealer = AgentRecords.sealer(agent, tenant.id());
        byte[] macKey = agent.unwrap(agent.credentials().path("macKey").asText());
        UUID clusterId = UUID.fromString(agent.credentials().path("clusterId").asText());
        UUID backup = UUID.randomUUID();
        List<SealedChunk> chunks = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 60; i++) {
            byte[] data = new byte[150_000];
            random.nextBytes(data);
            chunks.add(sealer.seal(data, 0, data.length));
        }
        ServiceProcess ingest = platform.services().get("ingest");

        try (var producer = AgentRecords.producer(agent.credentials().path("kafka"))) {
            // a first third is committed
            for (SealedChunk c : chunks.subList(0, 20)) {
                AgentRecords.send(producer, tenant.id(), clusterId, backup, c, macKey);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> chunkCount(tenant.id()) == 20);
            // the second third is in flight when ingest is killed
            for (SealedChunk c : chunks.subList(20, 40)) {
                AgentRecords.send(producer, tenant.id(), clusterId, backup, c, macKey);
            }
            ingest.kill();
            // the agent retries what it is unsure of, and sends the rest
            for (SealedChunk c : chunks.subList(20, 60)) {
                AgentRecords.send(producer, tenant.id(), clusterId, backup, c, macKey);
            }
        }
        ingest.restart(Duration.ofSeconds(120));

        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> chunkCount(tenant.id()) == 60);
        Thread.sleep(3000); // a late duplicate commit would show now
        assertThat(chunkCount(tenant.id())).isEqualTo(60);
        assertThat(query("SELECT stored_bytes FROM ingest.tenant_storage WHERE tenant_id = ?", tenant.id()))
                .isEqualTo(query("SELECT sum(size_bytes) FROM ingest.pack WHERE tenant_id = ?", tenant.id()));

        Set<String> committed = new HashSet<>(packKeys(tenant.id()));
        Set<String> inBucket = new HashSet<>();
        try (S3Client s3 = platform.objectStores().get("eu-west-1").client()) {
            s3.listObjectsV2Paginator(
                            b -> b.bucket(Platform.bucket("eu-west-1")).prefix("tenants/" + tenant.id() + "/packs/"))
                    .contents()
                    .forEach(o -> {
                        if (!o.key().endsWith(".index")) {
                            inBucket.add(o.key());
                        }
                    });
        }
        assertThat(inBucket).containsAll(committed);
        Set<String> orphans = new HashSet<>(inBucket);
        orphans.removeAll(committed);
        System.out.println("orphan packs after the crash (for garbage collection): " + orphans);
    }

    private static long chunkCount(UUID tenant) throws Exception {
        return query("SELECT count(*) FROM ingest.chunk WHERE tenant_id = ?", tenant);
    }

    private static List<String> packKeys(UUID tenant) throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                PreparedStatement s = c.prepareStatement("SELECT object_key FROM ingest.pack WHERE tenant_id = ?")) {
            s.setObject(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        return keys;
    }
}
