package dev.cairn.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PortsTest {
    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void portsHandedOutSideBySideAreDistinctAndOutsideTheEphemeralRange() throws Exception {
        int[] ephemeral = Ports.ephemeralRange();
        List<Callable<Integer>> asks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            asks.add(Ports::free);
        }
        List<Integer> ports = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Integer> port : pool.invokeAll(asks)) {
                ports.add(port.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(ports).doesNotHaveDuplicates();
        assertThat(ports).allMatch(port -> port < ephemeral[0] || port > ephemeral[1]);
    }

    @Test
    void aPortHandedOutIsNotClaimedAgainForAnotherServer() {
        int port = Ports.free();
        assertThatThrownBy(() -> Ports.claim(port, "the gateway"))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("port " + port + " for the gateway is already given to another server");
    }

    @Test
    void theRangeIsBelowTheEphemeralOneWhenThereIsRoomElseAbove() {
        assertThat(Ports.candidateRange(new int[] {32_768, 60_999})).containsExactly(10_000, 32_767);
        assertThat(Ports.candidateRange(new int[] {10_500, 50_000})).containsExactly(50_001, 65_535);
        assertThat(Ports.candidateRange(new int[] {1_024, 65_000})).containsExactly(10_000, 65_535);
    }

    @Test
    void holdersNameTheProcessThatListens() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.holders(socket.getLocalPort())).isEqualTo(Set.of(SELF));
            Ports.requireOwnPort("this test", SELF, socket.getLocalPort());
        }
    }

    @Test
    void aPortHeldByAnotherProcessOrByNobodyFailsTheCheck() throws IOException {
        Process other = new ProcessBuilder("sleep", "30").start();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Ports.requireOwnPort("recovery-service", other.pid(), socket.getLocalPort()))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("recovery-service should listen on port " + socket.getLocalPort())
                    .hasMessageContaining("held by pid " + SELF);
        } finally {
            other.destroy();
        }
        int nobody = Ports.free();
        assertThatThrownBy(() -> Ports.requireOwnPort("tenant-service", SELF, nobody))
                .hasMessageContaining("nothing listens there");
    }
}
