package dev.cairn.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * An S3-compatible server (s3proxy on the local file system) in a JVM of its own, standing for one region's
 * object storage. It checks AWS signatures (v2 and v4) against one access key.
 */
public final class S3Server implements AutoCloseable {
    private final String region;
    private final ServerProcess process;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private final Path dataDir;
    private final Path logDir;

    private S3Server(
            String region,
            ServerProcess process,
            int port,
            String accessKey,
            String secretKey,
            Path dataDir,
            Path logDir) {
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.region = region;
        this.process = process;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts the server for {@code region} with its objects under {@code dataDir}.
     *
     * @param port 0 for any free port
     */
    public static S3Server start(String region, Path dataDir, int port, Path logDir) {
        return launch(region, dataDir, Ports.claim(port, "S3 (" + region + ")"), logDir);
    }

    /**
     * Starts this server again, on its port with its objects, after {@link #close()}: a region's object storage
     * coming back after an outage (the replication tests).
     */
    public S3Server restart() {
        return launch(region, dataDir, port, logDir);
    }

    private static S3Server launch(String region, Path dataDir, int chosen, Path logDir) {
        String accessKey = "cairn-" + region;
        // generated at the first start and kept beside the objects (<data>.secret-key): nothing reads the objects
        // without it
        String secretKey = LocalSecret.of(LocalSecret.beside(dataDir, "secret-key"), false, null);
        try {
            Files.createDirectories(logDir);
            Path objects = dataDir.resolve("objects");
            Files.createDirectories(objects);
            Path config = dataDir.resolve("s3proxy.conf");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=http://127.0.0.1:" + chosen,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + accessKey,
                            "s3proxy.credential=" + secretKey,
                            "jclouds.provider=filesystem",
                            "jclouds.filesystem.basedir=" + objects,
                            ""));
            // without a configuration logback logs at DEBUG: Jetty then writes a line per buffer (gigabytes of log
            // and most of a core at full speed)
            Path logback = dataDir.resolve("logback.xml");
            Files.writeString(
                    logback,
                    "<configuration><appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\"><encoder>"
                            + "<pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder></appender>"
                            + "<logger name=\"org.gaul.shaded\" level=\"WARN\"/>"
                            + "<root level=\"INFO\"><appender-ref ref=\"OUT\"/></root></configuration>\n");
            ServerProcess process = ServerProcess.start(
                    "S3 " + region,
                    List.of(
                            Dists.javaExecutable(),
                            "-Xms32m",
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-Dlogback.configurationFile=" + logback,
                            "-cp",
                            Dists.classpath("s3proxy"),
                            "org.gaul.s3proxy.Main",
                            "--properties",
                            config.toString()),
                    dataDir,
                    Map.of(),
                    logDir.resolve("s3-" + region + ".log"));
            S3Server server = new S3Server(region, process, chosen, accessKey, secretKey, dataDir, logDir);
            process.awaitReady(Duration.ofSeconds(60), () -> ServerProcess.listening(chosen));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String region() {
        return region;
    }

    public int port() {
        return port;
    }

    /** The process id of the server's guard (the server runs under it). */
    public long pid() {
        return process.pid();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    /** A path-style client for this server. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket(String bucket) {
        try (S3Client s3 = client()) {
            if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                s3.createBucket(CreateBucketRequest.builder().bucket(bucket).build());
            }
        } catch (BucketAlreadyOwnedByYouException ignored) {
            // created meanwhile
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
