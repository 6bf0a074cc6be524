package dev.cairn.it.backup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pre-signed URLs handed to restoring agents: each works for its own pack only, and only until it expires (the test
 * platform signs them for {@link TestPlatform#URL_TTL}); another tenant's agent gets no URL at all.
 */
class PresignedUrlIT {

    @TempDir
    Path tmp;

    private record Backed(Agents.Registered agent, String backupId, JsonNode locations) {}

    private Backed backUp(String organisation) throws Exception {
        Agents.Registered registered = Agents.registered(Tenants.free(organisation), "c");
        LocalAgent agent = new LocalAgent(registered, tmp.resolve(organisation));
        Path src = Files.createDirectories(tmp.resolve(organisation + "-src"));
        Files.writeString(src.resolve("file.txt"), "the data of " + organisation);
        JsonNode backup = agent.backup(src).json();
        assertThat(backup.path("phase").asText()).isEqualTo("Completed");
        String id = backup.path("id").asText();
        JsonNode detail = Api.json(Api.as(registered.accessToken()).when().get("/api/v1/backups/" + id));
        return new Backed(
                registered,
                id,
                locations(registered, id, detail.path("root").get(0).asText()));
    }

    private static JsonNode locations(Agents.Registered agent, String backupId, String chunkId) {
        Response response = Api.as(agent.accessToken())
                .body(Map.of("ids", List.of(chunkId)))
                .when()
                .post("/api/v1/backups/" + backupId + "/locations");
        return response.statusCode() == 200
                ? Api.json(response)
                : Api.JSON.createObjectNode().put("status", response.statusCode());
    }

    private static int get(String url) {
        return given().urlEncodingEnabled(false).when().get(url).statusCode();
    }

    @Test
    void aUrlOpensOnlyItsOwnPackAndOnlyUntilItExpires() throws Exception {
        Backed alice = backUp("Url Alice");
        Backed bob = backUp("Url Bob");
        String aliceUrl = alice.locations().path("packs").get(0).asText();
        String bobUrl = bob.locations().path("packs").get(0).asText();
        String aliceKey = URI.create(aliceUrl).getRawPath();
        String bobKey = URI.create(bobUrl).getRawPath();
        assertThat(aliceKey).contains("/tenants/").doesNotContain(bobKey);

        // its own pack: yes
        assertThat(get(aliceUrl)).isEqualTo(200);
        // the same signature on another object (Bob's pack, Alice's own index): no
        assertThat(get(aliceUrl.replace(aliceKey, bobKey))).isEqualTo(403);
        assertThat(get(aliceUrl.replace(aliceKey, aliceKey + ".index"))).isEqualTo(403);
        // Bob's agent asking for Alice's backup: not found, no URL
        JsonNode stolen = locations(
                bob.agent(),
                alice.backupId(),
                alice.locations().path("chunks").get(0).path("id").asText());
        assertThat(stolen.path("status").asInt()).isEqualTo(404);

        // after it expires: no
        Thread.sleep(TestPlatform.URL_TTL.plusSeconds(2).toMillis());
        assertThat(get(aliceUrl)).isEqualTo(403);
    }
}
