package dev.cairn.testing.servers;

import dev.cairn.api.agent.KafkaLogin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A single-node Kafka 4.4 broker (KRaft, combined broker and controller) in a JVM of its own, with SASL/SCRAM
 * authentication and ACL authorization switched on: a client that has no ACL is refused.
 *
 * <p>The controller listener, on the loopback interface, takes SASL/PLAIN with a user of its own ({@code
 * controller}, a password made at each start and known only to this broker's configuration): no connection is
 * anonymous, so no anonymous principal is a super user (docs/adr/0002). The admin's password is generated at the
 * first start and kept beside the data ({@code <data>.admin-password}).
 */
public final class KafkaServer implements AutoCloseable {
    public static final String ADMIN_USER = "admin";
    /** The admin password of data folders formatted before the password was generated (they keep it). */
    private static final String FORMER_ADMIN_PASSWORD = "cairn-local-admin";
    /** The broker's own user on its controller listener (SASL/PLAIN). */
    private static final String CONTROLLER_USER = "controller";

    private final ServerProcess process;
    private final int port;
    private final String adminPassword;

    private KafkaServer(ServerProcess process, int port, String adminPassword) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** The super user's password ({@link #ADMIN_USER}): generated at the first start, kept beside the data. */
    public String adminPassword() {
        return adminPassword;
    }

    /** Starts the broker with its logs in {@code dataDir}, the client listener on {@code port} (0: any). */
    public static KafkaServer start(Path dataDir, int port, Path logDir) {
        int clientPort = Ports.claim(port, "Kafka");
        int controllerPort = Ports.free();
        String classpath = Dists.classpath("kafka");
        try {
            Files.createDirectories(logDir);
            Files.createDirectories(dataDir);
            String adminPassword = LocalSecret.of(
                    LocalSecret.beside(dataDir, "admin-password"),
                    Files.exists(dataDir.resolve("logs/meta.properties")),
                    FORMER_ADMIN_PASSWORD);
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                serverProperties(dataDir.resolve("logs"), clientPort, controllerPort, adminPassword)
                        .store(out, "written by Cairn's KafkaServer at every start");
            }
            Path log4j = dataDir.resolve("log4j2.properties");
            Files.writeString(log4j, LOG4J);
            String clusterId = clusterId(dataDir.resolve("cluster.id"), dataDir.resolve("logs/meta.properties"));
            format(classpath, config, log4j, clusterId, adminPassword, dataDir, logDir);
            ServerProcess process = ServerProcess.start(
                    "Kafka",
                    List.of(
                            Dists.javaExecutable(),
                            "-Xms64m",
                            "-Xmx384m",
                            "-XX:+UseSerialGC",
                            "-Dlog4j2.configurationFile=" + log4j,
                            "-Dkafka.logs.dir=" + logDir,
                            "-cp",
                            classpath,
                            "kafka.Kafka",
                            config.toString()),
                    dataDir,
                    Map.of(),
                    logDir.resolve("kafka.log"));
            KafkaServer server = new KafkaServer(process, clientPort, adminPassword);
            process.awaitReady(Duration.ofSeconds(90), server::answers);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(
            String classpath,
            Path config,
            Path log4j,
            String clusterId,
            String adminPassword,
            Path dataDir,
            Path logDir)
            throws IOException {
        List<String> command = List.of(
                Dists.javaExecutable(),
                "-Xmx128m",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                classpath,
                "kafka.tools.StorageTool",
                "format",
                // one argument, so that an id beginning with '-' is not read as an option
                "--cluster-id=" + clusterId,
                "-c",
                config.toString(),
                "--ignore-formatted",
                "--add-scram",
                "SCRAM-SHA-256=[name=" + ADMIN_USER + ",password=" + adminPassword + "]");
        // a broker of the same folder that is still exiting holds the log directory's lock: try again for a while
        Path formatLog = logDir.resolve("kafka-format.log");
        try {
            for (int attempt = 1; ; attempt++) {
                Process format = new ProcessBuilder(command)
                        .directory(dataDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(formatLog.toFile()))
                        .start();
                if (format.waitFor(2, TimeUnit.MINUTES) && format.exitValue() == 0) {
                    break;
                }
                format.destroyForcibly();
                if (attempt == 10) {
                    List<String> lines = Files.readAllLines(formatLog);
                    throw new ServerStartException("Kafka storage format failed (" + formatLog + "): "
                            + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
                }
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted while formatting Kafka storage", e);
        }
    }

    /**
     * The broker's configuration. Written with {@link Properties#store}, which escapes values the way Kafka's
     * {@code Properties.load} reads them back: the JAAS value's escaped quotes and backslashes survive.
     */
    private static Properties serverProperties(Path logDirs, int clientPort, int controllerPort, String adminPassword) {
        byte[] random = new byte[24];
        new java.security.SecureRandom().nextBytes(random);
        String controllerPassword =
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty(
                "listeners", "SASL_PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + clientPort);
        p.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
        p.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.setProperty(
                "listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + CONTROLLER_USER
                        + "\" password=\"" + controllerPassword + "\" user_" + CONTROLLER_USER + "=\""
                        + controllerPassword + "\";");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        p.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-256");
        p.setProperty("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-256");
        p.setProperty(
                "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
                KafkaLogin.scramJaasConfig(ADMIN_USER, adminPassword));
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        p.setProperty("super.users", "User:" + ADMIN_USER + ";User:" + CONTROLLER_USER);
        p.setProperty("log.dirs", logDirs.toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // a client whose credentials were deleted is cut off at its next re-authentication
        p.setProperty("connections.max.reauth.ms", "10000");
        p.setProperty("message.max.bytes", "8388608");
        p.setProperty("log.segment.bytes", "67108864");
        p.setProperty("log.retention.hours", "168");
        return p;
    }

    private static final String LOG4J = String.join(
            "\n",
            "status = warn",
            "appender.console.type = Console",
            "appender.console.name = STDOUT",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = WARN",
            "rootLogger.appenderRefs = stdout",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "logger.kafka.name = kafka.server.KafkaRaftServer",
            "logger.kafka.level = INFO",
            "");

    /**
     * The cluster id kept in the data folder, made on first start as Kafka makes them ({@link Uuid#randomUuid()}
     * never begins with '-'). An id that Kafka cannot read is replaced while the storage is not yet formatted with
     * it; a formatted storage keeps its id, whatever it looks like (an id that begins with '-' formats and runs: it
     * is passed as {@code --cluster-id=ID}).
     */
    static String clusterId(Path idFile, Path formatted) throws IOException {
        if (Files.exists(idFile)) {
            String kept = Files.readString(idFile).trim();
            if (Files.exists(formatted) || isKafkaUuid(kept)) {
                return kept;
            }
        }
        String fresh = Uuid.randomUuid().toString();
        Files.writeString(idFile, fresh);
        return fresh;
    }

    private static boolean isKafkaUuid(String text) {
        try {
            Uuid.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean answers() {
        if (!ServerProcess.listening(port)) {
            return false;
        }
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The process id of the server's guard (the server runs under it). */
    public long pid() {
        return process.pid();
    }

    /** Client properties for a SCRAM-SHA-256 user on the broker's client listener. */
    public Properties clientProperties(String user, String password) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put("security.protocol", "SASL_PLAINTEXT");
        properties.put("sasl.mechanism", "SCRAM-SHA-256");
        properties.put("sasl.jaas.config", KafkaLogin.scramJaasConfig(user, password));
        return properties;
    }

    /** An admin client as the broker's super user. */
    public Admin admin() {
        Properties properties = clientProperties(ADMIN_USER, adminPassword);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(properties);
    }

    /**
     * Creates the topic unless it exists; a topic that exists gets {@code configs} set (a data folder made by an older
     * version keeps its partitions but takes today's retention).
     */
    public void ensureTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            try {
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new ServerStartException("cannot create topic " + name + ": " + e.getCause(), e);
                }
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
                admin.incrementalAlterConfigs(Map.of(
                                topic,
                                configs.entrySet().stream()
                                        .map(c -> new AlterConfigOp(
                                                new ConfigEntry(c.getKey(), c.getValue()), AlterConfigOp.OpType.SET))
                                        .toList()))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (ServerStartException e) {
            throw e;
        } catch (Exception e) {
            throw new ServerStartException("cannot create topic " + name + ": " + e, e);
        }
    }

    /** Creates or updates a SCRAM-SHA-256 user. */
    public void upsertScramUser(String user, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 8192), password)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ServerStartException("cannot upsert SCRAM user " + user + ": " + e, e);
        }
    }

    /** Allows {@code user} the operations on every topic whose name starts with {@code topicPrefix}. */
    public void allowTopics(String user, String topicPrefix, Set<AclOperation> operations) {
        allow(user, ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED, operations);
    }

    /** Allows {@code user} operations on the cluster itself (ALTER for SCRAM users and ACLs). */
    public void allowCluster(String user, Set<AclOperation> operations) {
        allow(user, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, operations);
    }

    /** Allows {@code user} to use consumer groups whose id starts with {@code groupPrefix}. */
    public void allowGroups(String user, String groupPrefix) {
        allow(user, ResourceType.GROUP, groupPrefix, PatternType.PREFIXED, Set.of(AclOperation.READ));
    }

    /** Allows {@code user} to use idempotent and transactional producers with ids starting with the prefix. */
    public void allowTransactionalIds(String user, String prefix) {
        allow(
                user,
                ResourceType.TRANSACTIONAL_ID,
                prefix,
                PatternType.PREFIXED,
                Set.of(AclOperation.WRITE, AclOperation.DESCRIBE));
    }

    private void allow(
            String user, ResourceType type, String name, PatternType pattern, Collection<AclOperation> operations) {
        List<AclBinding> bindings = new ArrayList<>();
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(
                    new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
        try (Admin admin = admin()) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new ServerStartException("cannot create ACLs for " + user + ": " + e, e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(15));
    }
}
