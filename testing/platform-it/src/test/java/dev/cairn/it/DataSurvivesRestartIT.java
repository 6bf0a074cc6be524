package dev.cairn.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.servers.KafkaServer;
import dev.cairn.testing.servers.PostgresServer;
import dev.cairn.testing.servers.S3Server;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** What a server wrote is there after it stops and starts again on the same folder (as a second ./cairn up). */
class DataSurvivesRestartIT {
    @TempDir
    Path home;

    @Test
    void postgresKafkaAndS3KeepTheirDataAcrossARestart() throws Exception {
        Path logs = home.resolve("logs");
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
        }
        try (S3Server s3 = S3Server.start("eu-west-1", home.resolve("s3"), 0, logs);
                S3Client client = s3.client()) {
            assertThat(client.getObjectAsBytes(b -> b.bucket("kept").key("note.txt"))
                            .asUtf8String())
                    .isEqualTo("kept");
        }
    }
}
