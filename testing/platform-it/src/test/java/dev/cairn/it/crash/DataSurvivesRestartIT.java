package dev.cairn.it.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.servers.KafkaServer;
import dev.cairn.testing.servers.PostgresServer;
import dev.cairn.testing.servers.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a server wrote is there after it stops and starts again on the same folder (as a second ./cairn up), from a
 * deep folder, with a Kafka cluster id that begins with '-'.
 */
class DataSurvivesRestartIT {
    /** A Kafka cluster id that begins with '-': a start once took it for an option of the storage tool. */
    private static final String DASHED_CLUSTER_ID = "-hQAUmT9Rm2x1cQnTq0D3w";

    @TempDir
    Path temp;

    @Test
    void postgresKafkaAndS3KeepTheirDataAcrossARestart() throws Exception {
        // a folder deeper than a Unix-domain socket path may be, and a Kafka folder holding a dashed cluster id
        Path home = temp;
        while (home.toString().length() < 150) {
            home = home.resolve("deep-folder");
        }
        Path logs = home.resolve("logs");
        Files.createDirectories(home.resolve("kafka"));
        Files.writeString(home.resolve("kafka/cluster.id"), DASHED_CLUSTER_ID);
        // given: each server writes something, then stops
        try (PostgresServer pg = PostgresServer.start(home.resolve("pg"), 0, logs)) {
            pg.ensureDatabase("kept", "kept_owner", "kept-password");
            try (Connection c = pg.connect("kept");
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE note (text VARCHAR(50))");
                s.execute("INSERT INTO note VALUES ('written before the restart')");
            }
        }
        try (KafkaServer kafka = KafkaServer.start(home.resolve("kafka"), 0, logs)) {
            kafka.ensureTopic("kept.topic", 2, Map.of());
        }
        try (S3Server s3 = S3Server.start("eu-west-1", home.resolve("s3"), 0, logs);
                S3Client client = s3.client()) {
            s3.ensureBucket("kept");
            client.putObject(b -> b.bucket("kept").key("note.txt"), RequestBody.fromString("kept"));
        }

        // when: they start again on the same folders (on new ports)
        try (PostgresServer pg = PostgresServer.start(home.resolve("pg"), 0, logs);
                Connection c = pg.connect("kept");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT text FROM note")) {
            // then
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("written before the restart");
        }
        try (KafkaServer kafka = KafkaServer.start(home.resolve("kafka"), 0, logs);
                Admin admin = kafka.admin()) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).contains("kept.topic");
            // a topic made by an older version takes the configs asked today (the data topic's retention)
            kafka.ensureTopic("kept.topic", 2, Map.of("retention.ms", "3600000"));
            ConfigResource kept = new ConfigResource(ConfigResource.Type.TOPIC, "kept.topic");
            assertThat(admin.describeConfigs(List.of(kept))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(kept)
                            .get("retention.ms")
                            .value())
                    .isEqualTo("3600000");
            assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isEqualTo(DASHED_CLUSTER_ID);
        }
        try (S3Server s3 = S3Server.start("eu-west-1", home.resolve("s3"), 0, logs);
                S3Client client = s3.client()) {
            assertThat(client.getObjectAsBytes(b -> b.bucket("kept").key("note.txt"))
                            .asUtf8String())
                    .isEqualTo("kept");
        }
    }
}
