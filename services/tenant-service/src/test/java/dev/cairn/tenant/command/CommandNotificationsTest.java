package dev.cairn.tenant.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandNotificationsTest {
    private final CommandSignals signals = new CommandSignals();
    private final CommandNotifications notifications =
            new CommandNotifications(signals, null, null, "jdbc:none", "u", "p");
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
    void anotherInstancesPollsSupersedeTheOnesWaitingHere() {
        UUID other = UUID.randomUUID();
        long ticket = signals.begin(cluster);
        long otherTicket = signals.begin(other);
        notifications.handle(CommandNotifications.pollsPayload(
                UUID.randomUUID().toString(), List.of(UUID.randomUUID(), cluster, other)));
        assertThat(signals.current(cluster, ticket)).isFalse();
        assertThat(signals.current(other, otherTicket)).isFalse();
    }

    @Test
    void anAnnouncementOfAsManyPollsAsItMayHoldFitsANotification() {
        List<UUID> clusters = new ArrayList<>();
        for (int i = 0; i < CommandNotifications.ANNOUNCED_AT_ONCE; i++) {
            clusters.add(UUID.randomUUID());
        }
        // PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more
        assertThat(CommandNotifications.pollsPayload(UUID.randomUUID().toString(), clusters)
                        .getBytes(StandardCharsets.UTF_8))
                .hasSizeLessThan(8000);
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
