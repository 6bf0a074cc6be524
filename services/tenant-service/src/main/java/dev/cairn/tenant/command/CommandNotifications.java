package dev.cairn.tenant.command;

import dev.cairn.tenant.cluster.ClusterRevoked;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells every instance of the service what happens to a cluster's commands and polls, through PostgreSQL's
 * {@code LISTEN}/{@code NOTIFY} on the channel {@value #CHANNEL}: a command queued or cancelled (sent in its
 * transaction, so delivered once it commits) wakes the cluster's waiting poll wherever it waits; a poll beginning on
 * one instance supersedes the poll of that cluster waiting on another (one poll per cluster across instances). Each
 * instance listens on a connection of its own, reconnecting after a failure; while it cannot listen, waiting polls
 * still check the database every {@code cairn.commands.recheck}.
 */
@ApplicationScoped
public class CommandNotifications {
    /**
     * The channel. Payloads: {@code c <cluster>} (its commands changed, or it was revoked), {@code p <instance>
     * <cluster>…} (polls that began on that instance).
     */
    static final String CHANNEL = "cairn_commands";

    private static final Logger LOG = Logger.getLogger(CommandNotifications.class);

    private final CommandSignals signals;
    private final CommandsConfig config;
    private final AgroalDataSource db;
    private final String url;
    private final String user;
    private final String password;
    /** This instance, in the poll notifications it sends (and ignores when they come back). */
    private final String instance = UUID.randomUUID().toString();

    private final LinkedBlockingQueue<UUID> began = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private volatile Connection listening;
    private Thread thread;
    private Thread announcer;

    public CommandNotifications(
            CommandSignals signals,
            CommandsConfig config,
            AgroalDataSource db,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.signals = signals;
        this.config = config;
        this.db = db;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        thread =
                Thread.ofPlatform().daemon().name("cairn-command-notifications").start(this::listen);
        announcer =
                Thread.ofPlatform().daemon().name("cairn-poll-announcements").start(this::announce);
    }

    /** Stops listening before the rest shuts down (a database stopping first is then no failure to report). */
    void shutdown(@Observes ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    void stop() {
        running = false;
        Connection c = listening;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
        }
        if (announcer != null) {
            announcer.interrupt();
        }
    }

    /** Whether this instance listens now (tests and health). */
    public boolean listening() {
        return listening != null;
    }

    /** Says, in the caller's transaction, that the cluster's commands changed (delivered when it commits). */
    static void commandsChanged(jakarta.persistence.EntityManager transaction, UUID clusterId) {
        transaction
                .createNativeQuery("SELECT pg_notify(?1, ?2)")
                .setParameter(1, CHANNEL)
                .setParameter(2, "c " + clusterId)
                .getSingleResult();
    }

    /**
     * A revoked cluster's polls must answer 403 at once, on every instance, whatever they knew of its commands: said
     * in the revoking transaction.
     */
    void revoking(@Observes ClusterRevoked event) {
        commandsChanged(AgentCommand.getEntityManager(), event.clusterId());
    }

    /** ... and on this instance as soon as it commits, before its own notification comes back. */
    void revoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClusterRevoked event) {
        signals.signal(event.clusterId());
    }

    /**
     * Says that a poll of the cluster began here: a poll of it waiting on another instance ends, superseded. Polls
     * are announced together, {@value #ANNOUNCE_EVERY_MS} ms' worth in a notification (an idle agent's poll then
     * takes no connection of the pool: ADR 0027).
     */
    public void pollBegan(UUID clusterId) {
        began.add(clusterId);
    }

    /** How long polls that began are gathered before they are announced. */
    static final int ANNOUNCE_EVERY_MS = 50;

    /** At most this many clusters in one announcement (a payload holds under 8,000 bytes). */
    static final int ANNOUNCED_AT_ONCE = 180;

    private void announce() {
        List<UUID> batch = new ArrayList<>();
        while (running) {
            try {
                UUID first = began.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                // gathering polls that begin meanwhile: a pace, not a wait for a condition
                Thread.sleep(ANNOUNCE_EVERY_MS);
                batch.add(first);
                began.drainTo(batch);
            } catch (InterruptedException e) {
                return;
            }
            for (int from = 0; from < batch.size(); from += ANNOUNCED_AT_ONCE) {
                List<UUID> part = batch.subList(from, Math.min(batch.size(), from + ANNOUNCED_AT_ONCE));
                try (Connection c = db.getConnection();
                        PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                    s.setString(1, CHANNEL);
                    s.setString(2, pollsPayload(instance, part));
                    s.execute();
                } catch (SQLException e) {
                    // a second poll on another instance then waits until its own end: latency, nothing lost
                    LOG.debugf("%d polls not announced: %s", part.size(), e.getMessage());
                }
            }
            batch.clear();
        }
    }

    /** {@code p <instance> <cluster> <cluster> …}. */
    static String pollsPayload(String instance, List<UUID> clusters) {
        StringBuilder payload = new StringBuilder("p ").append(instance);
        clusters.forEach(c -> payload.append(' ').append(c));
        return payload.toString();
    }

    private void listen() {
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                backoff = Duration.ofSeconds(1);
                // what was sent while this instance did not listen is lost: every waiting poll looks again, and
                // what was remembered of quiet clusters meanwhile is forgotten before polls trust it again
                signals.signalAll();
                listening = c;
                primeQuiet();
                while (running) {
                    PGNotification[] received = pg.getNotifications(10_000);
                    if (received != null) {
                        for (PGNotification n : received) {
                            handle(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = null;
                if (!running) {
                    return;
                }
                LOG.warnf(
                        "not listening for command notifications (again in %d s): %s",
                        backoff.toSeconds(), e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30)
                        : backoff.multipliedBy(2);
            } finally {
                listening = null;
            }
        }
    }

    /**
     * Clusters whose agent is connected and that have nothing to do: nothing queued or delivered, nothing to cancel
     * (the polls' {@code take} would find nothing).
     */
    static final String QUIET_CLUSTERS = """
            SELECT c.id FROM cluster c WHERE c.phase = 'Connected' AND NOT EXISTS (
                SELECT 1 FROM agent_command a WHERE a.cluster_id = c.id
                AND (a.phase IN ('Queued', 'Delivered') OR (a.cancel_requested AND a.phase = 'Running')))""";

    /** Attempts at {@link #primeQuiet} while changes keep coming during its look. */
    private static final int PRIME_ATTEMPTS = 3;

    /**
     * Once listening (at start, and again after a lapse), looks at every cluster once and remembers which have
     * nothing to do: when thousands of agents come back at once (a deployment, a database failover) their first
     * polls then need no transaction each. A change signalled during the look spoils it (tried again, then left to
     * each poll's own look).
     */
    private void primeQuiet() {
        for (int attempt = 0; attempt < PRIME_ATTEMPTS && running; attempt++) {
            long before = signals.everyChange();
            List<UUID> quiet = new ArrayList<>();
            try (Connection c = db.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(QUIET_CLUSTERS)) {
                while (rs.next()) {
                    quiet.add(rs.getObject(1, UUID.class));
                }
            } catch (SQLException e) {
                LOG.debugf("clusters not looked at together: %s", e.getMessage());
                return;
            }
            if (signals.prime(quiet, before, config.quietFor().toNanos())) {
                LOG.debugf("%d clusters known to have nothing to do", quiet.size());
                return;
            }
        }
    }

    /** Acts on one payload; anything else on the channel is ignored. */
    void handle(String payload) {
        String[] parts = payload == null ? new String[0] : payload.split(" ");
        try {
            if (parts.length == 2 && parts[0].equals("c")) {
                signals.signal(UUID.fromString(parts[1]));
            } else if (parts.length >= 3 && parts[0].equals("p") && !parts[1].equals(instance)) {
                for (int i = 2; i < parts.length; i++) {
                    signals.supersede(UUID.fromString(parts[i]));
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.debugf("a notification that is not ours on %s: %s", CHANNEL, payload);
        }
    }
}
