package dev.cairn.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Http;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import dev.cairn.testing.platform.ServiceProcess;
import dev.cairn.testing.servers.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
            HttpResponse<String> response = Http.get(service(name).url() + probe, null);
            assertThat(response.statusCode())
                    .as(name + probe + ": " + response.body())
                    .isEqualTo(200);
            assertThat(Http.json(response).path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void readinessCoversTheDatabaseAndEachRegionsBucket() {
        JsonNode ingest = Http.json(Http.get(service("ingest").url() + "/q/health/ready", null));
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
        HttpResponse<String> response = Http.get(service(name).url() + "/q/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("http_server_");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyServicePublishesAnOpenApiDocument(String name) {
        HttpResponse<String> response =
                Http.send(HttpRequest.newBuilder(URI.create(service(name).url() + "/q/openapi"))
                        .header("Accept", "application/json")
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).path("openapi").asText()).startsWith("3.");
    }

    @Test
    void theTenantServiceDocumentsItsOperations() {
        HttpResponse<String> response =
                Http.send(HttpRequest.newBuilder(URI.create(service("tenant").url() + "/q/openapi"))
                        .header("Accept", "application/json")
                        .build());
        assertThat(Http.json(response).path("paths").fieldNames())
                .toIterable()
                .contains("/api/v1/regions", "/api/v1/me");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void everyServiceLogsJsonInProduction(String name) throws IOException {
        List<String> lines =
                Files.readAllLines(TestPlatform.get().home().resolve("logs").resolve(name + "-service.log"));
        List<String> json = lines.stream().filter(l -> l.startsWith("{")).toList();
        assertThat(json).isNotEmpty();
        JsonNode first = Http.JSON.readTree(json.get(json.size() - 1));
        assertThat(first.has("timestamp")).isTrue();
        assertThat(first.has("level")).isTrue();
        assertThat(first.has("message")).isTrue();
    }

    @Test
    void theGatewayIsTheSingleEntryPoint() {
        Platform platform = TestPlatform.get();
        HttpResponse<String> status = Http.get(platform.entryPoint() + "/api/v1/status", null);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(Http.json(status).path("ready").asBoolean()).isTrue();
        assertThat(Http.json(status).path("services").findValuesAsText("name"))
                .containsExactlyInAnyOrderElementsOf(SERVICES);

        HttpResponse<String> page = Http.get(platform.entryPoint() + "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Cairn</title>");
    }

    @Test
    void anUnknownApiPathIsAProblemNotAStackTrace() {
        for (String base :
                List.of(TestPlatform.get().entryPoint(), service("tenant").url())) {
            HttpResponse<String> response = Http.get(base + "/api/v1/no-such-thing", null);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(Http.json(response).path("status").asInt()).isEqualTo(404);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.cairn");
        }
    }

    @Test
    void aWrongMethodIsAProblem() {
        HttpResponse<String> response =
                Http.send(HttpRequest.newBuilder(URI.create(TestPlatform.get().entryPoint() + "/api/v1/regions"))
                        .DELETE()
                        .build());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
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
