package dev.cairn.it.support;

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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;

/**
 * Test fixture: a source that hands the agent whatever entries a test wants (paths a compromised agent could write,
 * files that vanish, change or cannot be read), backed up through the real agent pipeline.
 */
public record CraftedSource(List<SourceEntry> entries) implements Source {
    @Override
    public String description() {
        return "crafted";
    }

    @Override
    public void walk(Visitor visitor) throws IOException {
        for (SourceEntry e : entries) {
            visitor.entry(e);
        }
    }

    public static SourceEntry dir(String path) {
        return new SourceEntry(TreeEntry.Type.DIRECTORY, bytes(path), 0755, 0, 0, 0, 0, 0, 0, 0, new byte[0], null);
    }

    public static SourceEntry link(String path, String target) {
        return new SourceEntry(TreeEntry.Type.SYMLINK, bytes(path), 0777, 0, 0, 0, 0, 0, 0, 0, bytes(target), null);
    }

    public static SourceEntry file(String path, String content) {
        return file(path, content, null, false);
    }

    /** A file whose opening fails with {@code failure} (vanished, permission denied). */
    public static SourceEntry failing(String path, IOException failure) {
        return file(path, "never read", failure, false);
    }

    /** A file that differs, once read, from what the walk saw. */
    public static SourceEntry changing(String path, String content) {
        return file(path, content, null, true);
    }

    public static IOException vanished(String path) {
        return new NoSuchFileException(path);
    }

    public static IOException denied(String path) {
        return new AccessDeniedException(path);
    }

    private static SourceEntry file(String path, String content, IOException failure, boolean changes) {
        byte[] data = bytes(content);
        return new SourceEntry(
                TreeEntry.Type.FILE, bytes(path), 0644, 0, 0, 0, 0, data.length, 0, 0, new byte[0], new Content() {
                    @Override
                    public List<DataRegions.Region> regions() {
                        return List.of(new DataRegions.Region(0, data.length));
                    }

                    @Override
                    public InputStream open(DataRegions.Region region) throws IOException {
                        if (failure != null) {
                            throw failure;
                        }
                        return new ByteArrayInputStream(data);
                    }

                    @Override
                    public boolean changedSinceWalk() {
                        return changes;
                    }
                });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Backs the source up with the agent's pipeline; answers the result. */
    public BackupRun.Result backUp(LocalAgent agent) throws IOException {
        AgentCredentials credentials = AgentCredentials.load(agent.home());
        PlatformClient platform =
                new PlatformClient(credentials, TestPlatform.get().entryPoint(), Duration.ofMinutes(1));
        try (KafkaChunkSink sink = new KafkaChunkSink(credentials, 4 << 20);
                Progress progress = new Progress("test")) {
            return new BackupRun(
                            credentials,
                            platform,
                            sink,
                            agent.home().resolve("state"),
                            BackupRun.Options.defaults(),
                            progress)
                    .run(this);
        }
    }

    /** Backs up and asserts the backup completed; answers its id. */
    public String completed(LocalAgent agent) throws IOException {
        BackupRun.Result result = backUp(agent);
        assertThat(result.phase()).as(String.valueOf(result.failure())).hasToString("Completed");
        return result.id().toString();
    }
}
