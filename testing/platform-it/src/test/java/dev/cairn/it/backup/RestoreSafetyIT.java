package dev.cairn.it.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.CraftedSource;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void pathsThatLeaveTheTargetAreRefusedBeforeAnythingIsWritten() throws Exception {
        LocalAgent agent = new LocalAgent(Agents.registered(Tenants.free("Escaper"), "evil"), tmp.resolve("agent"));
        Path outside = tmp.resolve("outside");
        List<List<dev.cairn.agent.source.SourceEntry>> attacks = List.of(
                List.of(
                        CraftedSource.dir("a"),
                        CraftedSource.file("a/fine", "ok"),
                        CraftedSource.file("../outside", "escaped")),
                List.of(CraftedSource.file("fine", "ok"), CraftedSource.file(outside.toString(), "escaped")),
                List.of(
                        CraftedSource.dir("a"),
                        CraftedSource.link("a/l", tmp.toString()),
                        CraftedSource.file("a/l/outside", "escaped")),
                List.of(CraftedSource.file("x", "ok"), CraftedSource.dir("x/./y")));
        List<String> refusals = List.of("'..'", "absolute", "symlink", "'.'");
        for (int i = 0; i < attacks.size(); i++) {
            String id = new CraftedSource(attacks.get(i)).completed(agent);
            Path target = tmp.resolve("target-" + i);

            LocalAgent.Run restore = agent.restore(id, target);

            assertThat(restore.exit()).as(restore.toString()).isEqualTo(1);
            assertThat(restore.err()).contains("refused").contains(refusals.get(i));
            assertThat(target).doesNotExist();
            assertThat(outside).doesNotExist();
        }
    }

    @Test
    void filesThatVanishOrChangeAreWarningsAndUnreadableOnesMakeItPartial() throws Exception {
        LocalAgent agent = new LocalAgent(Agents.registered(Tenants.free("Flaky Files"), "f"), tmp.resolve("agent"));

        var warned = new CraftedSource(List.of(
                        CraftedSource.file("kept", "kept"),
                        CraftedSource.failing("gone", CraftedSource.vanished("gone")),
                        CraftedSource.changing("busy", "stored as read")))
                .backUp(agent);
        assertThat(warned.phase()).hasToString("Completed");
        assertThat(warned.statistics().warnings()).isEqualTo(2);
        assertThat(warned.statistics().files()).isEqualTo(2);
        assertThat(warned.messages()).anyMatch(m -> m.contains("gone") && m.contains("vanished"));
        assertThat(warned.messages()).anyMatch(m -> m.contains("busy") && m.contains("changed while being read"));

        var partial = new CraftedSource(List.of(
                        CraftedSource.file("kept", "kept"),
                        CraftedSource.failing("secret", CraftedSource.denied("secret"))))
                .backUp(agent);
        assertThat(partial.phase()).hasToString("PartiallyFailed");
        assertThat(partial.statistics().errors()).isEqualTo(1);
        Path restored = tmp.resolve("partial");
        LocalAgent.Run restore = agent.restore(partial.id().toString(), restored);
        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(Files.readString(restored.resolve("kept"))).isEqualTo("kept");
        assertThat(restored.resolve("secret")).doesNotExist();
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
