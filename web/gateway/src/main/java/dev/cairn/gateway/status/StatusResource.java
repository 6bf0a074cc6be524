package dev.cairn.gateway.status;

import dev.cairn.gateway.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Whether the platform is ready: asks every service's readiness endpoint at once. */
@Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    private final GatewayConfig config;
    private final WebClient client;

    public StatusResource(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = WebClient.create(vertx);
    }

    @GET
    public Uni<PlatformStatus> status() {
        List<Uni<PlatformStatus.ServiceStatus>> checks = new ArrayList<>();
        for (Map.Entry<String, URI> service : new TreeMap<>(config.services()).entrySet()) {
            checks.add(check(service.getKey(), config.health().getOrDefault(service.getKey(), service.getValue())));
        }
        return Uni.join()
                .all(checks)
                .andFailFast()
                .map(all ->
                        new PlatformStatus(all.stream().allMatch(s -> s.status().equals("UP")), all));
    }

    private Uni<PlatformStatus.ServiceStatus> check(String name, URI base) {
        return client.getAbs(base.resolve("/q/health/ready").toString())
                .timeout(3000)
                .send()
                .map(response -> {
                    JsonObject body = response.bodyAsJsonObject();
                    List<String> down = new ArrayList<>();
                    JsonArray items = body == null ? new JsonArray() : body.getJsonArray("checks", new JsonArray());
                    for (int i = 0; i < items.size(); i++) {
                        JsonObject item = items.getJsonObject(i);
                        if (!"UP".equals(item.getString("status"))) {
                            down.add(item.getString("name"));
                        }
                    }
                    String status = response.statusCode() == 200 ? "UP" : "DOWN";
                    return new PlatformStatus.ServiceStatus(name, status, down);
                })
                .ifNoItem()
                .after(Duration.ofSeconds(4))
                .recoverWithItem(() -> new PlatformStatus.ServiceStatus(name, "UNREACHABLE", List.of()))
                .onFailure()
                .recoverWithItem(e -> new PlatformStatus.ServiceStatus(name, "UNREACHABLE", List.of()));
    }
}
