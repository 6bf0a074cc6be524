package dev.cairn.platform.kafka;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Consumed offsets in the service's own table {@code consumer_offset (topic, partition_no, next_offset)}, written in
 * the transaction that stores what the records produced: after a crash the consumer resumes exactly after the last
 * commit (Kafka's own committed offsets are not used).
 */
public final class ConsumerOffsets {
    private ConsumerOffsets() {}

    /** The next offset to consume per partition of {@code topic}, as last committed. */
    public static Map<Integer, Long> read(Connection c, String topic) throws SQLException {
        Map<Integer, Long> offsets = new HashMap<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT partition_no, next_offset FROM consumer_offset WHERE topic = ?")) {
            s.setString(1, topic);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return offsets;
    }

    /** Records the next offsets, in the caller's transaction. */
    public static void write(Connection c, String topic, Map<Integer, Long> nextOffsets) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO consumer_offset (topic, partition_no, next_offset) VALUES (?, ?, ?)"
                        + " ON CONFLICT (topic, partition_no) DO UPDATE SET next_offset = EXCLUDED.next_offset")) {
            for (Map.Entry<Integer, Long> o : nextOffsets.entrySet()) {
                s.setString(1, topic);
                s.setInt(2, o.getKey());
                s.setLong(3, o.getValue());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
