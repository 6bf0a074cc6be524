package dev.cairn.it.support;

import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.servers.KafkaServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the ingest catalog of the shared test platform directly, as the crash and rebuild tests check it. */
public final class Catalog {
    private Catalog() {}

    /**
     * True when ingest has committed every record of the data topic: its offsets in the catalog (committed with the
     * packs they produced) are the topic's end offsets, so no pack is being written.
     */
    public static boolean ingestCaughtUp() throws Exception {
        KafkaServer kafka = TestPlatform.get().kafka();
        Map<TopicPartition, Long> ends;
        try (var consumer = new KafkaConsumer<>(
                kafka.clientProperties(KafkaServer.ADMIN_USER, kafka.adminPassword()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            ends = consumer.endOffsets(consumer.partitionsFor(Platform.DATA_TOPIC).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList());
        }
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                PreparedStatement s = c.prepareStatement(
                        "SELECT next_offset FROM ingest.consumer_offset WHERE topic = ? AND partition_no = ?")) {
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                s.setString(1, Platform.DATA_TOPIC);
                s.setInt(2, end.getKey().partition());
                try (ResultSet rs = s.executeQuery()) {
                    long committed = rs.next() ? rs.getLong(1) : 0;
                    if (committed < end.getValue()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The first column of the first row of {@code sql} with its one parameter (a tenant's id, mostly); 0 when no row.
     */
    public static long query(String sql, Object parameter) throws Exception {
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
