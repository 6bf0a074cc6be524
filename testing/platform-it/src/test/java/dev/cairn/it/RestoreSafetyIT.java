package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.agent.backup.BackupRun;
import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.fs.DataRegions;
import dev.cairn.agent.kafka.KafkaChunkSink;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.source.Content;
import dev.cairn.agent.source.Source;
import dev.cairn.agent.source.SourceEntry;
import dev.cairn.data.tree.TreeEntry;
import dev.cairn.testing.platform.Platform;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A restore only touches its target: a backup whose tree holds {@code ..}, an absolute path, or a path through one of
 * its own symlinks is refused before anything is written. And verify finds damage done to packs in object storage.
 */
class RestoreSafetyIT {

    @TempDir
    Path tmp;

    /** A source that hands the agent whatever entries a test wants, as a compromised agent could write them. */
    private record Crafted(List<SourceEntry> entries) implements Source {
        @Override
        public String description() {
            return "crafted";
        }

        @Override
        public void walk(Visitor visitor) throws java.io.IOException {
            for (SourceEntry e : entries) {
                visitor.entry(e);
            }
        }
    }

    private static SourceEntry dir(String path) {
        return new SourceEntry(TreeEntry.Type.DIRECTORY, bytes(path), 0755, 0, 0, 0, 0, 0, 0, 0, new byte[0], null);
    }

    private static SourceEntry link(String path, String target) {
        return new SourceEntry(TreeEntry.Type.SYMLINK, bytes(path), 0777, 0, 0, 0, 0, 0, 0, 0, bytes(target), null);
    }

    private static SourceEntry file(String path, String content) {
        byte[] data = bytes(content);
        return new SourceEntry(
                TreeEntry.Type.FILE, bytes(path), 0644, 0, 0, 0, 0, data.length, 0, 0, new byte[0], new Content() {
                    @Override
                    public List<DataRegions.Region> regions() {
                        return List.of(new DataRegions.Region(0, data.length));
                    }

                    @Override
                    public InputStream open(DataRegions.Region region) {
                        return new ByteArrayInputStream(data);
                    }

                    @Override
                    public boolean changedSinceWalk() {
                        return false;
                    }
                });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String backUp(LocalAgent agent, Source source) throws Exception {
        AgentCredentials credentials = AgentCredentials.load(agent.home());
        PlatformClient platform =
                new PlatformClient(credentials, TestPlatform.get().entryPoint(), Duration.ofMinutes(1));
        try (KafkaChunkSink sink = new KafkaChunkSink(credentials, 4 << 20);
                Progress progress = new Progress("test")) {
            BackupRun.Result result = new BackupRun(
                            credentials,
                            platform,
                            sink,
                            agent.home().resolve("state"),
                            BackupRun.Options.defaults(),
                            progress)
                    .run(source);
            assertThat(result.phase()).as(String.valueOf(result.failure())).isEqualTo("Completed");
            return result.id().toString();
        }
    }

    @Test
    void pathsThatLeaveTheTargetAreRefusedBeforeAnythingIsWritten() throws Exception {
        LocalAgent agent = new LocalAgent(Agents.registered(Tenants.free("Escaper"), "evil"), tmp.resolve("agent"));
        Path outside = tmp.resolve("outside");
        List<List<SourceEntry>> attacks = List.of(
                List.of(dir("a"), file("a/fine", "ok"), file("../outside", "escaped")),
                List.of(file("fine", "ok"), file(outside.toString(), "escaped")),
                List.of(dir("a"), link("a/l", tmp.toString()), file("a/l/outside", "escaped")),
                List.of(file("x", "ok"), dir("x/./y")));
        List<String> refusals = List.of("'..'", "absolute", "symlink", "'.'");
        for (int i = 0; i < attacks.size(); i++) {
            String id = backUp(agent, new Crafted(attacks.get(i)));
            Path target = tmp.resolve("target-" + i);

            LocalAgent.Run restore = agent.restore(id, target);

            assertThat(restore.exit()).as(restore.toString()).isEqualTo(1);
            assertThat(restore.err()).contains("refused").contains(refusals.get(i));
            assertThat(target).doesNotExist();
            assertThat(outside).doesNotExist();
        }
    }

    @Test
    void verifyFindsAPackDamagedInObjectStorage() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Bit Rot");
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "rot"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        byte[] data = new byte[2 << 20];
        new java.util.Random(3).nextBytes(data);
        Files.write(src.resolve("data.bin"), data);
        String id = agent.backup(src).json().path("id").asText();
        assertThat(agent.run("verify", id).exit()).isZero();

        // when one byte of every pack of the tenant flips in the bucket
        Platform platform = TestPlatform.get();
        try (S3Client s3 = platform.objectStores().get("eu-west-1").client()) {
            String bucket = Platform.bucket("eu-west-1");
            for (var object : s3.listObjectsV2(b -> b.bucket(bucket).prefix("tenants/" + tenant.id() + "/packs/"))
                    .contents()) {
                if (object.key().endsWith(".index")) {
                    continue;
                }
                byte[] pack = s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key()))
                        .asByteArray();
                pack[pack.length / 2] ^= 0x40;
                s3.putObject(b -> b.bucket(bucket).key(object.key()), RequestBody.fromBytes(pack));
            }
        }

        // then verify reports the damage with the file it hurts, and fails
        LocalAgent.Run verify = agent.run("verify", id);
        assertThat(verify.exit()).isEqualTo(1);
        assertThat(verify.json().path("phase").asText()).isEqualTo("Failed");
        assertThat(verify.json().path("damage").toString()).contains("data.bin").contains("damaged");
        // and a restore writes what is sound and says it is partial
        LocalAgent.Run restore = agent.restore(id, tmp.resolve("partial"));
        assertThat(restore.exit()).isEqualTo(3);
        assertThat(restore.json().path("phase").asText()).isEqualTo("PartiallyFailed");
    }
}
