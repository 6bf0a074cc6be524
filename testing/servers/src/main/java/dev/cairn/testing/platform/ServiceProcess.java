package dev.cairn.testing.platform;

import dev.cairn.testing.servers.Ports;
import dev.cairn.testing.servers.ServerProcess;
import dev.cairn.testing.servers.ServerStartException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Cairn Quarkus service (or the gateway) running from its built {@code quarkus-app}, in its own JVM. */
public final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final int port;
    /** The management interface's port ({@code /q/*}), or -1 for an application without one. */
    private final int managementPort;

    private ServerProcess process;
    private Path app;
    private Map<String, String> properties;
    private List<String> jvmOptions;
    private Path logDir;

    private ServiceProcess(String name, int port, int managementPort) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Chooses the application's port now, so that others can be told where it will be before it starts. */
    public static ServiceProcess plan(String name, int port) {
        return new ServiceProcess(name, Ports.claim(port, name), -1);
    }

    /**
     * As {@link #plan}, for a Cairn service: it serves {@code /q/*} (health, metrics, OpenAPI) on a management
     * interface of its own, on a second port chosen now.
     */
    public static ServiceProcess planService(String name) {
        return new ServiceProcess(name, Ports.claim(0, name), Ports.claim(0, name + " management"));
    }

    /** Starts {@code app} (a {@code quarkus-run.jar}) with the properties, and does not wait. */
    public void start(Path app, Map<String, String> properties, List<String> jvmOptions, Path logDir) {
        this.app = app;
        this.properties = Map.copyOf(properties);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logDir = logDir;
        if (!Files.isRegularFile(app)) {
            throw new ServerStartException(name + " is not built (" + app + " is missing): run ./mvnw install");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        if (managementPort > 0) {
            command.add("-Dquarkus.management.port=" + managementPort);
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(app.toString());
        process = ServerProcess.start(name, command, app.getParent(), Map.of(), logDir.resolve(name + ".log"));
    }

    /** Kills the service with SIGKILL, as a crash would: no shutdown hook, no flush. Waits until it is gone. */
    public void kill() {
        process.kill();
    }

    /** Starts the service again, same jar, port and properties, and waits until it is ready. */
    public void restart(Duration timeout) {
        start(app, properties, jvmOptions, logDir);
        awaitReady(timeout);
    }

    /** Waits until the service's readiness endpoint answers 200. */
    public void awaitReady(Duration timeout) {
        process.awaitReady(timeout, this::ready);
    }

    public boolean ready() {
        return ServerProcess.answers200((managementPort > 0 ? managementUrl() : url()) + "/q/health/ready");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface's port, or -1 when the application has none. */
    public int managementPort() {
        return managementPort;
    }

    /** The management interface ({@code /q/health}, {@code /q/metrics}, {@code /q/openapi}). */
    public String managementUrl() {
        if (managementPort < 0) {
            throw new IllegalStateException(name + " has no management interface");
        }
        return "http://127.0.0.1:" + managementPort;
    }

    /** True when {@code pid} is this service's JVM (or its guard). */
    public boolean runs(long pid) {
        return process != null && process.runs(pid);
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
        }
    }
}
