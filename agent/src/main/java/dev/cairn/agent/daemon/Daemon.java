package dev.cairn.agent.daemon;

import dev.cairn.agent.command.BackupCommand;
import dev.cairn.agent.command.BrowseCommand;
import dev.cairn.agent.command.CommandRunner;
import dev.cairn.agent.command.RestoreCommand;
import dev.cairn.agent.credentials.CredentialSecret;
import dev.cairn.agent.log.AgentLog;
import dev.cairn.agent.platform.PlatformException;
import dev.cairn.agent.registration.AgentRegistration;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.agent.volume.VolumeBackups;
import dev.cairn.agent.volume.VolumeRestores;
import dev.cairn.api.agent.AgentCapabilities;
import dev.cairn.api.agent.Heartbeat;
import dev.cairn.api.agent.command.Delivery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The in-cluster agent: registers once (or restores its credentials from its Secret), sends a heartbeat every
 * minute, and takes commands over the outbound long-poll, one at a time ({@link CommandRunner}). A platform it
 * cannot reach is retried with exponential backoff and jitter (1 s doubling to 60 s); a revoked agent keeps trying
 * slowly, so that it resumes if the cluster is registered anew and its Secret replaced.
 */
public final class Daemon {
    /** How long the daemon waits before it polls again after its poll was superseded by another agent's. */
    static final long SUPERSEDED_PAUSE_MILLIS = 5000;

    /** The agent's version (the Maven project's), as registrations and heartbeats report it. */
    private Duration volumeStartTimeout = Duration.ofMinutes(10);

    private Duration restorePodTimeout = Duration.ofMinutes(10);

    /**
     * Where it runs and how it registers.
     *
     * @param platformUrl the platform's public URL
     * @param registrationToken the one-time token, needed only until the credentials are in the Secret
     * @param namespace the agent's own namespace
     * @param secretName the Secret that keeps its credentials
     * @param home a writable folder for credentials, the file cache and work files
     * @param image the agent's image, which restore pods run (they only hold a new claim while the node agent
     *     writes into it)
     */
    public record Settings(
            String platformUrl,
            String registrationToken,
            String namespace,
            String secretName,
            Path home,
            String image) {}

    private final KubernetesClient kube;
    private final Settings settings;
    private final AgentLog log;
    private final PrintStream out;

    public Daemon(KubernetesClient kube, Settings settings, PrintStream log) {
        this.kube = kube;
        this.settings = settings;
        this.log = AgentLog.to(log, "daemon");
        this.out = log;
    }

    /** How long a pod volume task may wait for a node agent to take it (10 minutes by default). */
    public Daemon volumeStartTimeout(Duration timeout) {
        this.volumeStartTimeout = timeout;
        return this;
    }

    /** Runs until the thread is interrupted. */
    public void run() throws IOException, InterruptedException {
        registerUnlessRegistered();
        AgentRuntime runtime = AgentRuntime.open(settings.home(), settings.platformUrl());
        CommandRunner commands = new CommandRunner(
                runtime.platform(),
                new BackupCommand(kube, runtime, new VolumeBackups(kube, settings.namespace(), volumeStartTimeout)),
                new RestoreCommand(
                        kube,
                        runtime,
                        new VolumeRestores(
                                kube, settings.namespace(), settings.image(), volumeStartTimeout, restorePodTimeout)),
                new BrowseCommand(runtime),
                out);
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeats.scheduleWithFixedDelay(
                () -> {
                    try {
                        runtime.platform().heartbeat(facts());
                    } catch (RuntimeException e) {
                        log.warn("heartbeat failed: " + e.getMessage());
                    }
                },
                0,
                60,
                TimeUnit.SECONDS);
        long backoff = 1000;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Delivery delivery = runtime.platform().commands(25);
                    for (Delivery.Command command : delivery.commands()) {
                        commands.execute(command);
                    }
                    backoff = 1000;
                    if (delivery.superseded()) {
                        // another poll of this cluster waits (a second agent of the cluster, during a rollout):
                        // polling again at once would end it, and it this one, in a loop
                        log.warn("another agent of this cluster is polling; polling again in a few seconds");
                        Thread.sleep(SUPERSEDED_PAUSE_MILLIS
                                + ThreadLocalRandom.current().nextLong(1000));
                    }
                } catch (PlatformException e) {
                    boolean revoked = e.status() == 401 || e.status() == 403;
                    log.warn((revoked ? "refused by the platform (revoked?): " : "platform unreachable: ")
                            + e.getMessage());
                    Thread.sleep(
                            revoked
                                    ? 300_000
                                    : backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
                    backoff = Math.min(backoff * 2, 60_000);
                }
            }
        } finally {
            heartbeats.shutdownNow();
        }
    }

    /** Registers with the one-time token unless the credentials Secret holds credentials already. */
    private void registerUnlessRegistered() throws IOException, InterruptedException {
        Path home = settings.home();
        CredentialSecret secret = new CredentialSecret(kube, settings.namespace(), settings.secretName());
        if (!secret.restoreInto(home)) {
            if (settings.registrationToken() == null
                    || settings.registrationToken().isBlank()) {
                throw new IOException("no credentials in Secret " + settings.namespace() + "/" + settings.secretName()
                        + " and no registration token: install with --set registration.token=...");
            }
            log.info("registering with " + settings.platformUrl());
            AgentRegistration.register(settings.platformUrl(), settings.registrationToken(), facts(), home);
            secret.save(home);
            log.info("registered; credentials kept in Secret " + settings.namespace() + "/" + settings.secretName());
        }
    }

    /** What heartbeats (and the registration) report. */
    Heartbeat facts() {
        try {
            return new Heartbeat(
                    AgentRuntime.VERSION,
                    kube.getKubernetesVersion().getGitVersion(),
                    kube.nodes().list().getItems().size(),
                    kube.namespaces().list().getItems().size(),
                    AgentCapabilities.ALL);
        } catch (KubernetesClientException e) {
            log.warn("cannot read the cluster's facts: " + e.getMessage());
            return new Heartbeat(AgentRuntime.VERSION, null, null, null, AgentCapabilities.ALL);
        }
    }
}
