package dev.cairn.testing.servers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Run in a child JVM by {@link ServerProcessTest}: starts a server, says its pid, and waits to be killed. */
public final class OrphanProbe {
    private OrphanProbe() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ServerProcess server =
                ServerProcess.start("probe", List.of("sleep", "300"), dir, Map.of(), dir.resolve("probe.log"));
        // the guard's child is the sleep
        long sleepPid = -1;
        for (int i = 0; i < 100 && sleepPid < 0; i++) {
            sleepPid = ProcessHandle.of(server.pid())
                    .flatMap(p -> p.descendants()
                            .filter(d -> d.info().command().orElse("").endsWith("sleep"))
                            .findFirst())
                    .map(ProcessHandle::pid)
                    .orElse(-1L);
            Thread.sleep(50);
        }
        Files.writeString(dir.resolve("server.pid"), Long.toString(sleepPid));
        Thread.sleep(600_000);
    }
}
