package dev.cairn.tenant.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandSignalsTest {
    private final CommandSignals signals = new CommandSignals();
    private final UUID cluster = UUID.randomUUID();

    @Test
    void aSignalBetweenLookingAndWaitingIsNotSleptThrough() throws Exception {
        long seen = signals.seen(cluster);
        signals.signal(cluster); // a command committed while the poll read the database
        long start = System.nanoTime();
        signals.await(cluster, seen, 30_000);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void withoutASignalTheWaitLastsItsTime() throws Exception {
        long seen = signals.seen(cluster);
        long start = System.nanoTime();
        signals.await(cluster, seen, 200);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);
    }

    @Test
    void aPollIsSupersededByANewerOneHereOrElsewhere() {
        long first = signals.begin(cluster);
        assertThat(signals.current(cluster, first)).isTrue();
        long second = signals.begin(cluster);
        assertThat(signals.current(cluster, first)).isFalse();
        assertThat(signals.current(cluster, second)).isTrue();
        long seen = signals.seen(cluster);
        signals.supersede(cluster); // a poll of the cluster began on another instance
        assertThat(signals.current(cluster, second)).isFalse();
        assertThat(signals.seen(cluster)).isGreaterThan(seen);
    }
}
