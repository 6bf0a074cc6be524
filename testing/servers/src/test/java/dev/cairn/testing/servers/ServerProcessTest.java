package dev.cairn.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {
    @TempDir
    Path dir;

    @Test
    void stoppingAServerStopsEveryProcessItStarted() {
        // given: a server with a child of its own
        ServerProcess server = ServerProcess.start(
                "family", List.of("bash", "-c", "sleep 300 & sleep 300"), dir, Map.of(), dir.resolve("f.log"));
        List<ProcessHandle> family = awaitDescendants(server, 3);

        // when
        server.stop(Duration.ofSeconds(10));

        // then: all are gone (orphans are reaped by init, which may take a moment)
        for (int i = 0; i < 100 && family.stream().anyMatch(ProcessHandle::isAlive); i++) {
            ServerProcess.sleep(50);
        }
        assertThat(family).noneMatch(ProcessHandle::isAlive);
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void aServerDiesWithTheJvmThatStartedItEvenAfterKillDashNine() throws Exception {
        // given: a JVM that started a server
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanProbe.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("jvm.log").toFile())
                .start();
        Path pidFile = dir.resolve("server.pid");
        for (int i = 0; i < 300 && !Files.exists(pidFile); i++) {
            Thread.sleep(100);
        }
        long serverPid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle serverProcess = ProcessHandle.of(serverPid).orElseThrow();
        assertThat(serverProcess.isAlive()).isTrue();

        // when: the JVM is killed without a chance to clean up
        new ProcessBuilder("kill", "-9", Long.toString(jvm.pid())).start().waitFor();
        jvm.waitFor(10, TimeUnit.SECONDS);

        // then: its server goes too
        serverProcess.onExit().get(15, TimeUnit.SECONDS);
        assertThat(serverProcess.isAlive()).isFalse();
    }

    @Test
    void aServerThatExitsBeforeItIsReadySaysWhyWithItsLog() {
        ServerProcess server = ServerProcess.start(
                "broken",
                List.of("bash", "-c", "echo 'cannot bind: address in use'; exit 3"),
                dir,
                Map.of(),
                dir.resolve("broken.log"));

        assertThatThrownBy(() -> server.awaitReady(Duration.ofSeconds(10), () -> false))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("broken exited with status 3")
                .hasMessageContaining("cannot bind: address in use");
    }

    @Test
    void aTakenPortIsNamedInTheError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Ports.claim(taken.getLocalPort(), "Keycloak"))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " for Keycloak is taken");
        }
    }

    private static List<ProcessHandle> awaitDescendants(ServerProcess server, int count) {
        for (int i = 0; i < 100; i++) {
            List<ProcessHandle> all =
                    ProcessHandle.of(server.pid()).orElseThrow().descendants().toList();
            if (all.size() >= count) {
                return all;
            }
            ServerProcess.sleep(50);
        }
        throw new AssertionError("the server did not start its children");
    }
}
