package dev.cairn.it.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.platform.ServiceProcess;
import dev.cairn.testing.servers.Ports;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every service is up and operable: health, metrics, OpenAPI, structured logs, problem+json errors. */
class PlatformIT {
    static final List<String> SERVICES = Platform.SERVICES;

    private static ServiceProcess service(String name) {
        return TestPlatform.get().services().get(name);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyServiceIsLiveAndReady(String name) {
        for (String probe : List.of("/q/health/live", "/q/health/ready")) {
            Api.management(name).when().get(probe).then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    /**
     * The local platform's services, their management interfaces and the portal listen on the loopback interface
     * only: from another address of this machine nothing answers (the gateway is the way in).
     */
    @Test
    void nothingButTheLoopbackInterfaceReachesAServiceOrItsManagementPort() throws Exception {
        java.net.InetAddress other =
                java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                        .filter(i -> {
                            try {
                                return i.isUp() && !i.isLoopback();
                            } catch (java.net.SocketException e) {
                                return false;
                            }
                        })
                        .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                        .filter(a -> a instanceof java.net.Inet4Address)
                        .findFirst()
                        .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "this machine has no other address");
        List<Integer> ports = new java.util.ArrayList<>();
        for (String name : SERVICES) {
            ports.add(service(name).port());
            ports.add(service(name).managementPort());
        }
        ports.add(TestPlatform.get().portal().port());
        for (int port : ports) {
            try (java.net.Socket socket = new java.net.Socket()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(
                                () -> socket.connect(new java.net.InetSocketAddress(other, port), 2000))
                        .as("port %d on %s", port, other)
                        .isInstanceOf(java.io.IOException.class);
            }
        }
    }

    /**
     * Health, metrics and the OpenAPI document are served on the management interface alone (issue 17, item 2):
     * the port the gateway forwards to answers none of them.
     */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void operationsEndpointsAreOnTheManagementInterfaceOnly(String name) {
        assertThat(service(name).managementPort()).isNotEqualTo(service(name).port());
        for (String path : List.of("/q/health/ready", "/q/metrics", "/q/openapi")) {
            Api.service(name).when().get(path).then().statusCode(404);
            Api.management(name).when().get(path).then().statusCode(200);
        }
    }

    /** One operation of each service's internal API (the scheduler and metering have none: any path stands in). */
    static final Map<String, String> INTERNAL = Map.of(
            "tenant", "GET /internal/v1/agents/00000000-0000-0000-0000-000000000001",
            "ingest", "GET /internal/v1/stored-bytes",
            "recovery", "POST /internal/v1/drills",
            "scheduler", "GET /internal/v1/anything",
            "metering", "GET /internal/v1/anything");

    /**
     * The internal API (one service calling another) is on the management interface only (issue 17, item 2): on the
     * port the gateway forwards to, an internal path is not found, whatever its spelling and before any token is
     * read; on the management port it reaches the operation (which asks for a token), and the public API is served
     * there too for the services that call each other's.
     */
    @ParameterizedTest
    @FieldSource("SERVICES")
    void theInternalApiIsOnTheManagementInterfaceOnly(String name) {
        String[] operation = INTERNAL.get(name).split(" ", 2);
        String path = operation[1];
        for (String spelling :
                List.of(path, path.replace("/internal/", "/%69nternal/"), "/api/../" + path.substring(1))) {
            Api.service(name)
                    .urlEncodingEnabled(false)
                    .when()
                    .request(operation[0], spelling)
                    .then()
                    .statusCode(404)
                    .contentType(Api.PROBLEM)
                    .body("detail", equalTo("no such operation on this port"));
        }
        if (!path.endsWith("/anything")) {
            Api.management(name).when().request(operation[0], path).then().statusCode(401);
        }
        Api.management(name).when().get("/api/v1/no-such-operation").then().statusCode(404);
        Api.management(name).when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void readinessCoversTheDatabaseAndEachRegionsBucket() {
        JsonNode ingest = Api.json(Api.management("ingest").when().get("/q/health/ready"));
        assertThat(ingest.path("checks").findValuesAsText("name"))
                .contains("object-storage")
                .anyMatch(n -> n.toLowerCase().contains("database"));
        JsonNode storage = null;
        for (JsonNode check : ingest.path("checks")) {
            if (check.path("name").asText().equals("object-storage")) {
                storage = check;
            }
        }
        assertThat(storage).isNotNull();
        assertThat(storage.path("data").fieldNames()).toIterable().containsExactlyInAnyOrder("eu-west-1", "us-east-1");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyServiceExportsPrometheusMetrics(String name) {
        Api.management(name)
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("http_server_"));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyServicePublishesAnOpenApiDocument(String name) {
        Api.management(name)
                .accept(ContentType.JSON)
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("openapi", startsWith("3."));
    }

    @Test
    void theTenantServiceDocumentsItsOperations() {
        JsonNode openapi = Api.json(
                Api.management("tenant").accept(ContentType.JSON).when().get("/q/openapi"));
        assertThat(openapi.path("paths").fieldNames()).toIterable().contains("/api/v1/regions", "/api/v1/me");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyServiceLogsJsonInProduction(String name) throws IOException {
        List<String> lines =
                Files.readAllLines(TestPlatform.get().home().resolve("logs").resolve(name + "-service.log"));
        List<String> json = lines.stream().filter(l -> l.startsWith("{")).toList();
        assertThat(json).isNotEmpty();
        JsonNode first = Api.JSON.readTree(json.get(json.size() - 1));
        assertThat(first.has("timestamp")).isTrue();
        assertThat(first.has("level")).isTrue();
        assertThat(first.has("message")).isTrue();
    }

    @Test
    void theGatewayIsTheSingleEntryPoint() {
        Api.anonymous()
                .when()
                .get("/api/v1/status")
                .then()
                .statusCode(200)
                .body("ready", equalTo(true))
                .body(
                        "services.name",
                        containsInAnyOrder(
                                java.util.stream.Stream.concat(SERVICES.stream(), java.util.stream.Stream.of("portal"))
                                        .toArray()));

        Api.anonymous()
                .when()
                .get("/status")
                .then()
                .statusCode(200)
                .body(containsString("<title>Cairn platform status</title>"));
        // every other page is the portal's (ADR 0020): its landing page, and its sign-in behind /app
        Api.anonymous().when().get("/").then().statusCode(200).body(containsString("Sign up"));
        Api.anonymous()
                .redirects()
                .follow(false)
                .when()
                .get("/app")
                .then()
                .statusCode(302)
                .header("Location", containsString("/realms/cairn/protocol/openid-connect/auth"))
                .header("Location", containsString("code_challenge_method=S256"));
    }

    @Test
    void anUnknownApiPathIsAProblemNotAStackTrace() {
        for (String base :
                List.of(TestPlatform.get().entryPoint(), service("tenant").url())) {
            given().baseUri(base)
                    .when()
                    .get("/api/v1/no-such-thing")
                    .then()
                    .statusCode(404)
                    .contentType(Api.PROBLEM)
                    .body("status", equalTo(404))
                    .body(not(containsString("Exception")))
                    .body(not(containsString("at dev.cairn")));
        }
    }

    @Test
    void aWrongMethodIsAProblem() {
        Api.anonymous().when().delete("/api/v1/regions").then().statusCode(405).contentType(Api.PROBLEM);
    }

    @Test
    void thePlatformStartsFromAFolderDeeperThanASocketPathAllows() throws IOException {
        Platform platform = TestPlatform.get();
        // a Unix-domain socket in PostgreSQL's data folder would have a path longer than the kernel's 107 bytes
        var postgresData = platform.home().resolve("postgres");
        assertThat(postgresData
                        .resolve(".s.PGSQL." + platform.postgres().port())
                        .toString()
                        .length())
                .isGreaterThan(107);
        try (var files = Files.list(postgresData)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith(".s.PGSQL"));
        }
    }

    @Test
    void everyServerOfTheStartListensOnAPortOfItsOwn() {
        Platform platform = TestPlatform.get();
        Map<String, Platform.Listener> listeners = platform.listeners();
        assertThat(listeners).containsKeys("PostgreSQL", "Kafka", "Keycloak", "gateway", "tenant-service");
        assertThat(listeners.values().stream().map(Platform.Listener::port).distinct())
                .as("ports of %s", listeners.keySet())
                .hasSize(listeners.size());
        listeners.forEach((name, listener) -> {
            assertThat(Ports.holders(listener.port())).as(name).isNotEmpty();
            Ports.requireOwnPort(name, listener.pid(), listener.port());
        });
    }
}
