package dev.cairn.testing.platform;

import dev.cairn.testing.servers.KafkaServer;
import dev.cairn.testing.servers.KeycloakServer;
import dev.cairn.testing.servers.MailServer;
import dev.cairn.testing.servers.Ports;
import dev.cairn.testing.servers.PostgresServer;
import dev.cairn.testing.servers.S3Server;
import dev.cairn.testing.servers.ServerStartException;
import dev.cairn.testing.servers.TraceCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The whole Cairn platform on one machine: PostgreSQL, a Kafka broker, one S3 server per region, Keycloak, every
 * service and the gateway, each in a process of its own with its data under {@code home}. Used by {@code ./cairn up}
 * and, on free ports in a temporary home, by the integration tests.
 */
public final class Platform implements AutoCloseable {
    /** The services, in the order they are listed; each is a Quarkus app under {@code services/}. */
    public static final List<String> SERVICES = List.of("tenant", "ingest", "scheduler", "metering", "recovery");

    /** The realm's client the portal signs users in with (ADR 0020). */
    static final String PORTAL_CLIENT = "cairn-portal";

    /** The local regions: code and display name. Each has an S3 server of its own. */
    public static final Map<String, String> REGIONS = Map.of(
            "eu-west-1", "Europe (local region A)",
            "us-east-1", "United States (local region B)");

    public static final String DATABASE = "cairn";
    /** The sender of the local platform's mails. */
    static final String MAIL_FROM = "no-reply@cairn.local";

    public static final String DEMO_USER = "demo@cairn.local";
    /** The local platform's operator (realm role platform-admin: {@code cairn gc}, catalog rebuild, partners). */
    public static final String OPERATOR_USER = "operator@cairn.local";

    /**
     * How to run the platform.
     *
     * @param home where every server keeps its data and logs
     * @param repository the repository root (services are run from their {@code target/quarkus-app})
     * @param gatewayPort the single entry point's port (0: any free port)
     * @param keycloakPort Keycloak's port (0: any free port)
     * @param kafkaPort the Kafka broker's client port (0: any free port); agents keep it in their credentials
     * @param serviceProperties extra system properties for every service (tests shorten grace periods with them)
     * @param serviceJvmOptions JVM options for every service, after the platform's small defaults (so that they win:
     *     a load test gives the services production-sized heaps and the C2 compiler)
     */
    public record Options(
            Path home,
            Path repository,
            int gatewayPort,
            int keycloakPort,
            int kafkaPort,
            Map<String, String> serviceProperties,
            List<String> serviceJvmOptions) {
        /** The platform's own JVM options. */
        public Options(
                Path home,
                Path repository,
                int gatewayPort,
                int keycloakPort,
                int kafkaPort,
                Map<String, String> serviceProperties) {
            this(home, repository, gatewayPort, keycloakPort, kafkaPort, serviceProperties, List.of());
        }

        /** Every port chosen at start, no extra properties. */
        public Options(Path home, Path repository) {
            this(home, repository, 0, 0, 0, Map.of());
        }
    }

    /** The topic agents write chunk records to, and its dead-letter topic. */
    public static final String DATA_TOPIC = "cairn.data.v1";

    public static final String DATA_DEAD_LETTER_TOPIC = "cairn.data.v1.dlq";
    /** Usage events (CloudEvents JSON), from ingest's outbox to metering; its dead-letter topic adds ".dlq". */
    public static final String USAGE_TOPIC = "cairn.usage.v1";
    /** Tenants' life-cycle events (a purge begun), from the tenant service to every service that keeps tenant data. */
    public static final String TENANTS_TOPIC = "cairn.tenants.v1";

    /** The file under {@code <home>/logs} where every exported span is a JSON line ({@link TraceCollector}). */
    public static final String SPANS_FILE = "spans.jsonl";

    /** The services that keep tenant data and forget it when a tenant is purged. */
    static final List<String> TENANT_DATA_KEEPERS = List.of("ingest", "scheduler", "metering", "recovery");

    /** Starts and stops run side by side; a cached pool, since the common pool has one thread on two cores. */
    private static final ExecutorService PARALLEL = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cairn-platform");
        thread.setDaemon(true);
        return thread;
    });

    private final Options options;
    private final Path logs;
    private final Secrets secrets;
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private PostgresServer postgres;
    private KafkaServer kafka;
    private final Map<String, S3Server> s3 = new LinkedHashMap<>();
    private KeycloakServer keycloak;
    private MailServer mail;
    private TraceCollector traces;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private ServiceProcess gateway;
    private ServiceProcess portal;

    private Platform(Options options) {
        this.options = options;
        this.logs = options.home().resolve("logs");
        this.secrets = new Secrets(options.home().resolve("secrets.properties"));
    }

    /** Starts everything and waits until every service is ready; on failure stops what it started and throws. */
    public static Platform start(Options options) {
        Platform platform = new Platform(options);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = options.home();
        mail = track(MailServer.start(data.resolve("mail")));
        traces = track(TraceCollector.start(logs.resolve(SPANS_FILE)));
        postgres = track(PostgresServer.start(data.resolve("postgres"), 0, logs));
        String keycloakDbPassword = secrets.password("db.keycloak");
        postgres.ensureDatabase("keycloak", "keycloak", keycloakDbPassword);
        postgres.ensureDatabase(DATABASE, "cairn_owner", secrets.password("db.cairn_owner"));
        for (String service : SERVICES) {
            postgres.ensureSchema(DATABASE, service, service + "_service", secrets.password("db." + service));
        }
        secrets.save();

        // the other servers do not depend on each other: start them side by side; the services start while
        // Keycloak does (its port is known at launch; they retry its discovery), and Keycloak's realm is imported
        // before anyone asks them for a token
        var kafkaStart = async(() -> KafkaServer.start(data.resolve("kafka"), options.kafkaPort(), logs));
        List<CompletableFuture<S3Server>> s3Starts = new ArrayList<>();
        for (String region : REGIONS.keySet().stream().sorted().toList()) {
            s3Starts.add(async(() -> {
                S3Server server = S3Server.start(region, data.resolve("s3-" + region), 0, logs);
                server.ensureBucket(bucket(region));
                return server;
            }));
        }
        keycloak = track(KeycloakServer.launch(
                postgres.jdbcUrl("keycloak"),
                "keycloak",
                keycloakDbPassword,
                options.keycloakPort(),
                data.resolve("keycloak"),
                logs));
        // the entry point's port is known before anything starts: the portal's sign-in redirects to it
        gateway = track(ServiceProcess.plan("gateway", options.gatewayPort()));
        var realm = CompletableFuture.runAsync(
                () -> {
                    keycloak.awaitReady().ensureRealm(KeycloakServer.cairnRealmJson());
                    keycloak.updateClient("cairn", PORTAL_CLIENT, this::portalClient);
                    // "Forgot password?" mails go to the mail sink
                    keycloak.updateRealm(
                            "cairn",
                            settings -> settings.putObject("smtpServer")
                                    .put("host", mail.host())
                                    .put("port", Integer.toString(mail.port()))
                                    .put("from", MAIL_FROM)
                                    .put("fromDisplayName", "Cairn"));
                    // the realm file carries no secrets: each service's client gets this platform's own
                    for (String service : SERVICES) {
                        keycloak.updateClient(
                                "cairn",
                                "cairn-" + service + "-service",
                                client -> client.put("secret", serviceClientSecret(service)));
                    }
                },
                PARALLEL);
        kafka = join(kafkaStart);
        provisionKafka();
        for (var start : s3Starts) {
            S3Server server = join(start);
            s3.put(server.region(), server);
        }
        startServices(realm);
        requireOwnPorts();
        ensureDemoTenant();
    }

    /**
     * Checks that every server and service of this start listens on its own port and nothing else listens there:
     * a start that handed one port to two of them fails here, naming them, instead of routing requests astray.
     */
    private void requireOwnPorts() {
        listeners().forEach((name, listener) -> Ports.requireOwnPort(name, listener.pid(), listener.port()));
    }

    /** A server's process (the guard it runs under) and the port it was given. */
    public record Listener(long pid, int port) {}

    /** Every server and service of this start with its process and port, by name. */
    public Map<String, Listener> listeners() {
        Map<String, Listener> listeners = new LinkedHashMap<>();
        listeners.put("PostgreSQL", new Listener(postgres.pid(), postgres.port()));
        listeners.put("Kafka", new Listener(kafka.pid(), kafka.port()));
        s3.values()
                .forEach(server -> listeners.put("S3 " + server.region(), new Listener(server.pid(), server.port())));
        listeners.put("Keycloak", new Listener(keycloak.pid(), keycloak.port()));
        listeners.put("Mail", new Listener(ProcessHandle.current().pid(), mail.port()));
        listeners.put("Traces", new Listener(ProcessHandle.current().pid(), traces.port()));
        services.values().forEach(service -> {
            listeners.put(service.name(), new Listener(service.pid(), service.port()));
            listeners.put(service.name() + " management", new Listener(service.pid(), service.managementPort()));
        });
        listeners.put(portal.name(), new Listener(portal.pid(), portal.port()));
        listeners.put(gateway.name(), new Listener(gateway.pid(), gateway.port()));
        return listeners;
    }

    /** Topics and the services' Kafka users (in production: Terraform for MSK). */
    private void provisionKafka() {
        // ingest commits what it reads within seconds and keeps its offsets in the catalog: the data topic holds a
        // backup's bytes only for as long as an ingest outage may last (a day), not a second copy of all ingest for
        // a week; segments roll hourly so that retention can delete them (ADR 0022)
        kafka.ensureTopic(
                DATA_TOPIC,
                12,
                Map.of(
                        "max.message.bytes",
                        "8388608",
                        "min.insync.replicas",
                        "1",
                        "retention.ms",
                        Long.toString(Duration.ofHours(24).toMillis()),
                        "segment.ms",
                        Long.toString(Duration.ofHours(1).toMillis())));
        kafka.ensureTopic(DATA_DEAD_LETTER_TOPIC, 3, Map.of("max.message.bytes", "8388608"));
        kafka.upsertScramUser("tenant-service", secrets.password("kafka.tenant-service"));
        kafka.upsertScramUser("ingest-service", secrets.password("kafka.ingest-service"));
        kafka.allowTopics(
                "ingest-service",
                DATA_TOPIC,
                java.util.Set.of(
                        org.apache.kafka.common.acl.AclOperation.READ,
                        org.apache.kafka.common.acl.AclOperation.DESCRIBE));
        kafka.allowGroups("ingest-service", "cairn-ingest");
        kafka.allowTopics(
                "ingest-service",
                DATA_DEAD_LETTER_TOPIC,
                java.util.Set.of(
                        org.apache.kafka.common.acl.AclOperation.WRITE,
                        org.apache.kafka.common.acl.AclOperation.DESCRIBE));
        // usage events: the outbox relays of ingest and the tenant service write them, metering reads them
        kafka.ensureTopic(USAGE_TOPIC, 6, Map.of("min.insync.replicas", "1"));
        kafka.ensureTopic(USAGE_TOPIC + ".dlq", 1, Map.of());
        kafka.upsertScramUser("metering-service", secrets.password("kafka.metering-service"));
        for (String writer : java.util.List.of("ingest-service", "tenant-service")) {
            kafka.allowTopics(
                    writer,
                    USAGE_TOPIC,
                    java.util.Set.of(
                            org.apache.kafka.common.acl.AclOperation.WRITE,
                            org.apache.kafka.common.acl.AclOperation.DESCRIBE));
        }
        kafka.allowTopics(
                "metering-service",
                USAGE_TOPIC,
                java.util.Set.of(
                        org.apache.kafka.common.acl.AclOperation.READ,
                        org.apache.kafka.common.acl.AclOperation.WRITE,
                        org.apache.kafka.common.acl.AclOperation.DESCRIBE));
        kafka.allowGroups("metering-service", "cairn-metering");
        // tenants' life-cycle events (ADR 0030): the tenant service writes them, every service that keeps tenant data
        // reads them in a group of its own; compacted by tenant and kept forever
        kafka.ensureTopic(TENANTS_TOPIC, 3, Map.of("cleanup.policy", "compact", "retention.ms", "-1"));
        kafka.ensureTopic(TENANTS_TOPIC + ".dlq", 1, Map.of());
        kafka.allowTopics(
                "tenant-service",
                TENANTS_TOPIC,
                java.util.Set.of(
                        org.apache.kafka.common.acl.AclOperation.WRITE,
                        org.apache.kafka.common.acl.AclOperation.DESCRIBE));
        for (String service : TENANT_DATA_KEEPERS) {
            String user = service + "-service";
            kafka.upsertScramUser(user, secrets.password("kafka." + user));
            kafka.allowTopics(
                    user,
                    TENANTS_TOPIC,
                    java.util.Set.of(
                            org.apache.kafka.common.acl.AclOperation.READ,
                            org.apache.kafka.common.acl.AclOperation.DESCRIBE));
            kafka.allowTopics(
                    user,
                    TENANTS_TOPIC + ".dlq",
                    java.util.Set.of(
                            org.apache.kafka.common.acl.AclOperation.WRITE,
                            org.apache.kafka.common.acl.AclOperation.DESCRIBE));
            kafka.allowGroups(user, "cairn-tenant-events-" + user);
        }
        kafka.allowCluster(
                "tenant-service",
                java.util.Set.of(
                        org.apache.kafka.common.acl.AclOperation.ALTER,
                        org.apache.kafka.common.acl.AclOperation.DESCRIBE,
                        // agents' client quotas
                        org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS,
                        org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS));
        secrets.save();
    }

    private void startServices(CompletableFuture<Void> keycloakReady) {
        for (String service : SERVICES) {
            services.put(service, track(ServiceProcess.planService(service + "-service")));
        }
        portal = track(ServiceProcess.plan("portal", 0));
        for (String service : SERVICES) {
            services.get(service)
                    .start(app("services/" + service + "-service"), serviceProperties(service), jvm(service), logs);
        }
        portal.start(app("web/portal"), portalProperties(), jvm("portal"), logs);
        Map<String, String> gatewayProperties = new LinkedHashMap<>();
        gatewayProperties.put("cairn.http.host", "127.0.0.1");
        services.forEach((name, process) -> {
            gatewayProperties.put("cairn.gateway.services." + name, process.url());
            gatewayProperties.put("cairn.gateway.health." + name, process.managementUrl());
        });
        gatewayProperties.put("cairn.gateway.services.portal", portal.url());
        gatewayProperties.putAll(tracing());
        gateway.start(app("web/gateway"), gatewayProperties, jvm("gateway"), logs);

        List<CompletableFuture<Void>> ready = new ArrayList<>();
        ready.add(keycloakReady);
        for (ServiceProcess process : services.values()) {
            ready.add(CompletableFuture.runAsync(() -> process.awaitReady(Duration.ofSeconds(120)), PARALLEL));
        }
        ready.add(CompletableFuture.runAsync(() -> portal.awaitReady(Duration.ofSeconds(120)), PARALLEL));
        ready.add(CompletableFuture.runAsync(() -> gateway.awaitReady(Duration.ofSeconds(120)), PARALLEL));
        ready.forEach(Platform::join);
    }

    /**
     * Where every component exports its spans: the trace sink in this JVM. The components sample only what a caller
     * sampled (their ratio is 0), so it receives the traces someone asked for.
     */
    private Map<String, String> tracing() {
        return Map.of("cairn.otel.endpoint", traces.endpoint(), "cairn.otel.protocol", "http/protobuf");
    }

    /**
     * The portal's settings: the API it is made from (the gateway), Keycloak, and its session's encryption secret
     * (generated once and kept, so that sessions survive a restart of the portal).
     */
    private Map<String, String> portalProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("cairn.http.host", "127.0.0.1");
        properties.put("cairn.keycloak.url", keycloak.url());
        properties.put("cairn.portal.api-url", gateway.url());
        properties.put("cairn.keycloak.portal-secret", secrets.password("keycloak.portal"));
        properties.put("cairn.portal.session-secret", secrets.secret("portal.session", 36));
        properties.putAll(tracing());
        return properties;
    }

    /**
     * The realm's portal client as this platform needs it: confidential with this platform's secret, and the entry
     * point's address (the port this start got) as where sign-in and sign-out return to.
     */
    private void portalClient(com.fasterxml.jackson.databind.node.ObjectNode client) {
        client.put("publicClient", false);
        client.put("secret", secrets.password("keycloak.portal"));
        client.put("rootUrl", gateway.url());
        var redirects = client.putArray("redirectUris");
        redirects.add(gateway.url() + "/*");
        redirects.add("http://localhost:" + gateway.port() + "/*");
        (client.get("attributes") instanceof com.fasterxml.jackson.databind.node.ObjectNode a
                        ? a
                        : client.putObject("attributes"))
                .put("post.logout.redirect.uris", "+")
                .put("pkce.code.challenge.method", "S256");
    }

    /**
     * Starts one more instance of a service (a second scheduler, say), with the same settings as the first on a port
     * of its own, and waits until it is ready; it stops with the platform.
     */
    public ServiceProcess startAnother(String service) {
        ServiceProcess another = track(ServiceProcess.planService(service + "-service-" + (++extraInstances)));
        another.start(app("services/" + service + "-service"), serviceProperties(service), jvm(service), logs);
        another.awaitReady(Duration.ofSeconds(120));
        return another;
    }

    private int extraInstances;

    /**
     * Tries to start one more instance of a service with some of its settings changed ({@code null} leaves one out),
     * for tests of what a service refuses at startup; an instance that starts is stopped at once.
     *
     * @return why it did not start (its exit and the end of its log), or empty when it started
     */
    public java.util.Optional<String> tryStart(String service, Map<String, String> changes) {
        Map<String, String> properties = new LinkedHashMap<>(serviceProperties(service));
        changes.forEach((key, value) -> {
            if (value == null) {
                properties.remove(key);
            } else {
                properties.put(key, value);
            }
        });
        try (ServiceProcess attempt = ServiceProcess.planService(service + "-service-attempt-" + (++extraInstances))) {
            attempt.start(app("services/" + service + "-service"), properties, jvm(service), logs);
            attempt.awaitReady(Duration.ofSeconds(120));
            return java.util.Optional.empty();
        } catch (ServerStartException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /**
     * Small heaps; C1 only (on two cores, six JVMs starting at once spend their time in the C2 compiler); a heap dump
     * in the logs folder if one runs out of memory.
     */
    private List<String> jvm(String service) {
        List<String> options = new ArrayList<>(List.of(
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:+HeapDumpOnOutOfMemoryError",
                "-XX:HeapDumpPath=" + logs));
        if (service.equals("ingest")) {
            // ingest carries the data: room for a flush of packs (32 MiB) and fetches, and the C2 compiler
            options.addAll(List.of("-Xms64m", "-Xmx384m"));
        } else {
            options.addAll(List.of("-Xms32m", "-Xmx192m", "-XX:TieredStopAtLevel=1"));
        }
        options.addAll(this.options.serviceJvmOptions());
        return options;
    }

    /**
     * A service's settings: where the servers and the other services are (each service calls the others on their
     * management interface, where their internal API is: ADR 0029), its secrets, the options' extras.
     */
    private Map<String, String> serviceProperties(String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("cairn.http.host", "127.0.0.1");
        properties.put("cairn.management.host", "127.0.0.1");
        properties.put("cairn.db.url", postgres.jdbcUrl(DATABASE));
        properties.put("quarkus.datasource.password", secrets.password("db." + service));
        properties.put("cairn.keycloak.url", keycloak.url());
        properties.put("cairn.keycloak." + service + "-service-secret", serviceClientSecret(service));
        properties.put("cairn.kafka.bootstrap-servers", kafka.bootstrapServers());
        if (service.equals("tenant")) {
            properties.put("cairn.mail.host", mail.host());
            properties.put("cairn.mail.port", Integer.toString(mail.port()));
            properties.put("cairn.mail.start-tls", "DISABLED");
            properties.put("cairn.mail.from", "Cairn <" + MAIL_FROM + ">");
        }
        // every service has a Kafka user: the tenant service writes, the others read the tenants' events at least
        properties.put("cairn.kafka.password", secrets.password("kafka." + service + "-service"));
        if (service.equals("ingest")
                || service.equals("scheduler")
                || service.equals("metering")
                || service.equals("recovery")) {
            properties.put(
                    "quarkus.rest-client.tenant-service.url",
                    services.get("tenant").managementUrl());
        }
        if (service.equals("scheduler") || service.equals("metering") || service.equals("recovery")) {
            properties.put(
                    "quarkus.rest-client.ingest-service.url",
                    services.get("ingest").managementUrl());
        }
        if (service.equals("scheduler")) {
            properties.put(
                    "quarkus.rest-client.recovery-service.url",
                    services.get("recovery").managementUrl());
        }
        if (service.equals("recovery")) {
            properties.put(
                    "quarkus.rest-client.scheduler-service.url",
                    services.get("scheduler").managementUrl());
        }
        properties.put(
                "cairn.keys.local-key-file", options.home().resolve("kek").toString());
        if (service.equals("recovery")) {
            // the platform's report-signing key, made on first start and kept with the data (ADR 0019); services run
            // in the prod profile, which never makes one
            properties.put(
                    "cairn.recovery.signing-key-file",
                    options.home().resolve("report-signing-key.pem").toString());
            properties.put("cairn.recovery.generate-signing-key", "true");
        }
        properties.put("cairn.agents.platform-url", "http://127.0.0.1:" + gateway.port());
        for (var region : s3.values()) {
            String prefix = "cairn.storage.regions." + region.region() + ".";
            properties.put(prefix + "display-name", REGIONS.get(region.region()));
            properties.put(prefix + "endpoint", region.endpoint().toString());
            properties.put(prefix + "bucket", bucket(region.region()));
            properties.put(prefix + "access-key", region.accessKey());
            properties.put(prefix + "secret-key", region.secretKey());
        }
        properties.putAll(tracing());
        properties.putAll(options.serviceProperties());
        return properties;
    }

    /**
     * The demo tenant, made through the public API as a user would: signup (idempotent), then a cluster "local"
     * whose agent registers with a key pair kept in {@code <home>/agent/} for the local directory mode, and the
     * cluster "demo" whose agent runs against the demo Kubernetes cluster ({@link DemoCluster}).
     */
    private void ensureDemoTenant() {
        DemoTenant.Demo demo =
                new DemoTenant(entryPoint(), keycloak, mail, home().resolve("agent")).ensure(DEMO_USER, demoPassword());
        secrets.put("demo.tenant_id", demo.tenantId());
        String operator = operatorPassword();
        secrets.save();
        keycloak.ensureUser("cairn", OPERATOR_USER, operator, List.of("platform-admin"), Map.of());
        DemoCluster cluster = DemoCluster.start(entryPoint(), demo.demoClusterToken(), home(), logs);
        if (cluster != null) {
            demoCluster = track(cluster);
        }
    }

    /** The demo cluster's mock Kubernetes API (for {@code --kubernetes=URL}), or empty when it is not running. */
    public java.util.Optional<String> demoClusterUrl() {
        return java.util.Optional.ofNullable(demoCluster).map(DemoCluster::url);
    }

    private DemoCluster demoCluster;

    private Path app(String module) {
        return options.repository().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public static String bucket(String region) {
        return "cairn-" + region;
    }

    /** The single entry point: the gateway's URL. */
    public String entryPoint() {
        return gateway.url();
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaServer kafka() {
        return kafka;
    }

    public Map<String, S3Server> objectStores() {
        return Collections.unmodifiableMap(s3);
    }

    /** Stops a region's object storage: an outage of the region, for tests; {@link #restoreRegion} ends it. */
    public void stopRegion(String region) {
        s3.get(region).close();
    }

    /** Starts a stopped region's object storage again, on its port with its objects. */
    public void restoreRegion(String region) {
        s3.put(region, track(s3.get(region).restart()));
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** The mail sink: every mail the platform sent (signup confirmations, password resets). */
    public MailServer mail() {
        return mail;
    }

    /** The token of the last signup confirmation link mailed to {@code email}, waiting up to a minute for it. */
    public String signupToken(String email) {
        return DemoTenant.signupToken(mail, entryPoint(), email);
    }

    /** The running services by short name ({@code tenant}, {@code ingest}, ...). */
    public Map<String, ServiceProcess> services() {
        return Collections.unmodifiableMap(services);
    }

    public ServiceProcess gateway() {
        return gateway;
    }

    /** The portal's process (its pages reach the browser through the gateway). */
    public ServiceProcess portal() {
        return portal;
    }

    /** The local operator's password (generated once per home). */
    public String operatorPassword() {
        return secrets.password("operator.password");
    }

    /** The demo tenant admin's password (generated once per home). */
    public String demoPassword() {
        return secrets.password("demo.password");
    }

    /**
     * An access token of a service's own client (client credentials), as the service calls another's internal API
     * with: for tests of the internal APIs.
     */
    public String serviceToken(String service) {
        return keycloak.token("cairn", "cairn-" + service + "-service", serviceClientSecret(service), null, null);
    }

    /** The secret of a service's Keycloak client ({@code cairn-<service>-service}), generated once per home. */
    private String serviceClientSecret(String service) {
        return secrets.secret("keycloak." + service + "-service", 32);
    }

    /** The database password of a service's role ({@code <service>_service}). */
    public String databasePassword(String service) {
        return secrets.password("db." + service);
    }

    /** The demo tenant's id. */
    public String demoTenantId() {
        return secrets.password("demo.tenant_id");
    }

    public Path home() {
        return options.home();
    }

    private <T extends AutoCloseable> T track(T server) {
        started.add(server);
        return server;
    }

    private <T extends AutoCloseable> CompletableFuture<T> async(Supplier<T> start) {
        return CompletableFuture.supplyAsync(() -> track(start.get()), PARALLEL);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ServerStartException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /**
     * Stops everything that was started, the services first and PostgreSQL last, each tier side by side, so that
     * the whole stop takes seconds.
     */
    @Override
    public void close() {
        List<AutoCloseable> all;
        synchronized (started) {
            all = new ArrayList<>(started);
            started.clear();
        }
        List<AutoCloseable> tier1 =
                all.stream().filter(s -> s instanceof ServiceProcess).toList();
        List<AutoCloseable> tier3 =
                all.stream().filter(s -> s instanceof PostgresServer).toList();
        List<AutoCloseable> tier2 = all.stream()
                .filter(s -> !tier1.contains(s) && !tier3.contains(s))
                .toList();
        stopTier(tier1);
        stopTier(tier2);
        stopTier(tier3);
    }

    private static void stopTier(List<AutoCloseable> tier) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (AutoCloseable server : tier) {
            stops.add(CompletableFuture.runAsync(
                    () -> {
                        try {
                            server.close();
                        } catch (Exception e) {
                            System.err.println("stopping " + server + ": " + e.getMessage());
                        }
                    },
                    PARALLEL));
        }
        stops.forEach(CompletableFuture::join);
    }
}
