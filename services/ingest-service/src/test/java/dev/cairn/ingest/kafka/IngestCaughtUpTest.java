package dev.cairn.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When ingest writes its buffered packs at once rather than after the flush interval: when it has caught up. */
class IngestCaughtUpTest {
    private static final TopicPartition P0 = new TopicPartition("cairn.data.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("cairn.data.v1", 1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    @BeforeEach
    void assign() {
        consumer.assign(List.of(P0, P1));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    @Test
    void aPollThatFoundNothingHasCaughtUp() {
        consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));

        assertThat(IngestConsumer.caughtUp(consumer, consumer.poll(Duration.ZERO)))
                .isTrue();
    }

    @Test
    void aBusyPollHasCaughtUpWhenEveryPartitionIsReadToItsEnd() {
        // one tenant backing up without a pause: every poll has records, yet nothing else is waiting
        consumer.addRecord(record(P0, 0));
        consumer.addRecord(record(P1, 0));
        consumer.updateEndOffsets(Map.of(P0, 1L, P1, 1L));

        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ZERO);

        assertThat(records.count()).isEqualTo(2);
        assertThat(IngestConsumer.caughtUp(consumer, records)).isTrue();
    }

    @Test
    void aPartitionWithRecordsStillToReadIsBehind() {
        consumer.addRecord(record(P0, 0));
        consumer.updateEndOffsets(Map.of(P0, 1L, P1, 5L));

        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ZERO);

        assertThat(records.count()).isEqualTo(1);
        assertThat(IngestConsumer.caughtUp(consumer, records)).isFalse();
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition p, long offset) {
        return new ConsumerRecord<>(p.topic(), p.partition(), offset, new byte[] {1}, new byte[] {2});
    }
}
