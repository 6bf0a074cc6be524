package dev.cairn.testing.servers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server in a process of its own, which dies with the process that started it.
 *
 * <p>The command runs under a small shell guard that holds the pipe to our process: when we exit, even by
 * {@code kill -9}, the pipe closes and the guard stops the server (SIGTERM, then SIGKILL after a grace period).
 * A normal {@link #stop()} does the same, in order, and waits.
 */
public final class ServerProcess implements AutoCloseable {

    /**
     * Runs "$@" in a process group of its own; reads stdin until it closes (our JVM is gone, or stop() closed it),
     * then sends the stop signal ($1) to that group, and SIGKILL after 10 s. Ignores SIGINT so that Ctrl-C on a
     * terminal reaches only the launcher, which then stops every server in order.
     */
    private static final String GUARD = "trap '' INT; sig=$1; shift; set -m; \"$@\" </dev/null & child=$!; "
            + "( cat >/dev/null; kill -$sig -$child 2>/dev/null; sleep 10; kill -KILL -$child 2>/dev/null ) & "
            + "guard=$!; wait $child; status=$?; kill -KILL -$guard 2>/dev/null; exit $status";

    private final String name;
    private final Process process;
    private final OutputStream lifeline;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code workDir}, its output appended to {@code log}.
     *
     * @param name what the server is called in messages
     */
    public static ServerProcess start(
            String name, List<String> command, Path workDir, Map<String, String> env, Path log) {
        return start(name, command, workDir, env, log, "TERM");
    }

    /** As {@link #start(String, List, Path, Map, Path)}, stopping the server with {@code stopSignal}. */
    public static ServerProcess start(
            String name, List<String> command, Path workDir, Map<String, String> env, Path log, String stopSignal) {
        List<String> full = new ArrayList<>(List.of("bash", "-c", GUARD, name, stopSignal));
        full.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "---- " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            return new ServerProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The process id of the guard; the server runs in its own process group under it. */
    public long pid() {
        return process.pid();
    }

    /** True when {@code pid} is this server's process or one it started. */
    public boolean runs(long pid) {
        return process.pid() == pid || process.descendants().anyMatch(h -> h.pid() == pid);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until {@code ready} holds, failing early, with the end of the server's log, if the process exits.
     */
    public void awaitReady(Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new ServerStartException(name + " exited with status " + process.exitValue()
                        + " before it was ready; its log " + log + " ends with:\n" + tail(40));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(100);
        }
        throw new ServerStartException(name + " was not ready after " + timeout.toSeconds() + " s; its log " + log
                + " ends with:\n" + tail(40));
    }

    /** The last lines of the server's log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills the server and everything it started with SIGKILL, and waits until they are gone. */
    public void kill() {
        List<ProcessHandle> all = process.descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reaped later by init
            }
        }
        try {
            lifeline.close();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // the guard is gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server: closes its lifeline (SIGTERM to its group), then kills what is left after the grace. */
    public void stop(Duration grace) {
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // the guard is already gone
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** True when a GET of {@code url} answers 200 within two seconds: a readiness probe. */
    public static boolean answers200(String url) {
        try {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when something accepts TCP connections on the port of the loopback interface. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted", e);
        }
    }
}
