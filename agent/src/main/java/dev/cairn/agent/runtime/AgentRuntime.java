package dev.cairn.agent.runtime;

import dev.cairn.agent.backup.BackupRun;
import dev.cairn.agent.backup.PackUploadSink;
import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.kafka.KafkaChunkSink;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.source.Source;
import dev.cairn.api.agent.backup.PackUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The agent's credentials, its client of the platform and its state folder (file caches, work files): the one place
 * that assembles them, and runs a backup through the data path with them: packs the agent uploads itself and announces
 * on the data topic, small remainders as records (ADR 0025).
 *
 * @param state the folder of file caches and work files ({@code <home>/state})
 */
public record AgentRuntime(AgentCredentials credentials, PlatformClient platform, Path state) {
    /** The agent's version, the Maven project's: what heartbeats report, the image tag, {@code cairn --version}. */
    public static final String VERSION = version();

    /** Bytes the Kafka producer may buffer: the data path's backpressure bound. */
    public static final long SINK_BUFFER_BYTES = 16L << 20;

    /** How long a platform that does not answer is retried before a call fails. */
    public static final Duration RETRY_BUDGET = Duration.ofMinutes(5);

    /**
     * Loads the credentials kept in {@code home} and connects to {@code platformUrl}, or to the URL the registration
     * answer named when it is null.
     */
    public static AgentRuntime open(Path home, String platformUrl) throws IOException {
        AgentCredentials credentials = AgentCredentials.load(home);
        PlatformClient platform = new PlatformClient(
                credentials,
                platformUrl != null ? platformUrl : credentials.api().platformUrl(),
                RETRY_BUDGET);
        return new AgentRuntime(credentials, platform, home.resolve("state"));
    }

    /** Backs {@code source} up, with the default tunables, reporting to {@code progress}. */
    public BackupRun.Result backup(Source source, Progress progress) throws IOException {
        return backup(source, progress, null);
    }

    /**
     * Backs {@code source} up for a command that came in the trace {@code traceparent} (null: none), with the default
     * tunables, reporting to {@code progress}.
     */
    public BackupRun.Result backup(Source source, Progress progress, String traceparent) throws IOException {
        PackUploadSink.Uploads uploads = new PackUploadSink.Uploads() {
            @Override
            public PackUpload slot(UUID backup, String idempotencyKey) {
                return platform.packSlot(backup, idempotencyKey);
            }

            @Override
            public void put(String url, List<byte[]> parts, long size, String md5Base64) {
                platform.put(url, parts, size, md5Base64);
            }
        };
        try (PackUploadSink sink = new PackUploadSink(
                new KafkaChunkSink(credentials, SINK_BUFFER_BYTES, platform.traces()::traceparent), uploads)) {
            return new BackupRun(credentials, platform, sink, state, BackupRun.Options.defaults(), progress)
                    .run(source, traceparent);
        }
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = AgentRuntime.class.getResourceAsStream("/dev/cairn/agent/agent.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version is informative only
        }
        return properties.getProperty("version", "unknown");
    }
}
