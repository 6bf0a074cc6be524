package dev.cairn.tenant.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandNotificationsTest {
    private final CommandSignals signals = new CommandSignals();
    private final CommandNotifications notifications = new CommandNotifications(signals, null, "jdbc:none", "u", "p");
    private final UUID cluster = UUID.randomUUID();

    @Test
    void aCommandNotificationWakesTheClustersPoll() {
        long ticket = signals.begin(cluster);
        long seen = signals.seen(cluster);
        notifications.handle("c " + cluster);
        assertThat(signals.seen(cluster)).isGreaterThan(seen);
        assertThat(signals.current(cluster, ticket)).isTrue();
    }

    @Test
    void anotherInstancesPollSupersedesTheOneWaitingHere() {
        long ticket = signals.begin(cluster);
        notifications.handle("p " + cluster + " " + UUID.randomUUID());
        assertThat(signals.current(cluster, ticket)).isFalse();
    }

    @Test
    void whatIsNotOursIsIgnored() {
        long ticket = signals.begin(cluster);
        long seen = signals.seen(cluster);
        for (String payload : new String[] {null, "", "c", "c not-an-id", "x " + cluster, "p " + cluster}) {
            notifications.handle(payload);
        }
        assertThat(signals.seen(cluster)).isEqualTo(seen);
        assertThat(signals.current(cluster, ticket)).isTrue();
    }
}
