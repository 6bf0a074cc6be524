package dev.cairn.tenant.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

    @Test
    void aClusterFoundWithNothingToDoStaysQuietUntilItsCommandsChange() {
        assertThat(signals.quiet(cluster)).isFalse(); // never looked at
        long changes = signals.changes(cluster);
        signals.markQuiet(cluster, changes, 60_000_000_000L);
        assertThat(signals.quiet(cluster)).isTrue();
        signals.begin(cluster); // polls and their supersession are no change to its commands
        signals.supersede(cluster);
        assertThat(signals.quiet(cluster)).isTrue();
        signals.signal(cluster); // a command queued or cancelled, or the cluster revoked
        assertThat(signals.quiet(cluster)).isFalse();
    }

    @Test
    void aChangeDuringTheLookIsNotTakenForQuiet() {
        long changes = signals.changes(cluster); // read before the look at the database
        signals.signal(cluster); // a command committed while the look ran (it may not have seen it)
        signals.markQuiet(cluster, changes, 60_000_000_000L);
        assertThat(signals.quiet(cluster)).isFalse();
    }

    @Test
    void quietLastsItsTimeAtMostAndEndsForEveryClusterWhenNotificationsMayHaveBeenMissed() {
        signals.markQuiet(cluster, signals.changes(cluster), 0);
        assertThat(signals.quiet(cluster)).isFalse();
        UUID other = UUID.randomUUID();
        signals.markQuiet(cluster, signals.changes(cluster), 60_000_000_000L);
        signals.markQuiet(other, signals.changes(other), 60_000_000_000L);
        signals.signalAll(); // the instance listens again after a lapse
        assertThat(signals.quiet(cluster)).isFalse();
        assertThat(signals.quiet(other)).isFalse();
    }

    @Test
    void clustersLookedAtTogetherAreQuietUnlessAChangeCameDuringTheLook() {
        UUID other = UUID.randomUUID();
        long before = signals.everyChange(); // before the look at every cluster
        assertThat(signals.prime(List.of(cluster, other), before, 60_000_000_000L))
                .isTrue();
        assertThat(signals.quiet(cluster)).isTrue();
        assertThat(signals.quiet(other)).isTrue();

        UUID third = UUID.randomUUID();
        before = signals.everyChange();
        signals.signal(UUID.randomUUID()); // a command for any cluster, never polled here, committed during the look
        assertThat(signals.prime(List.of(third), before, 60_000_000_000L)).isFalse();
        assertThat(signals.quiet(third)).isFalse();
    }
}
