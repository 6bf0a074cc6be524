package dev.cairn.it.tenant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.Partners;
import dev.cairn.it.support.Policies;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The conventions of the creating requests (issue 17, item 7): a retried {@code POST} with its
 * {@code Idempotency-Key} answers what the first one made (and a one-time secret the lost first answer carried is
 * handed out anew, the first stops working); another request with the key is refused; every {@code 201}/{@code 202}
 * names what it made in {@code Location}, which answers it; a person's misspelt field is refused, an agent's newer
 * field is not.
 */
class CreatingRequestsIT {
    private static final String CLUSTERS = "/api/v1/clusters";
    private static final String USERS = "/api/v1/tenant/users";

    @Test
    void aRetriedClusterCreationAnswersTheSameClusterWithAFreshTokenAndTheFirstTokenStopsWorking() {
        Tenants.SignedUp tenant = Tenants.free("Retry Clusters");
        String key = UUID.randomUUID().toString();
        Response first = post(tenant.token(), CLUSTERS, Map.of("name", "edge-1"), key);
        first.then().statusCode(201);
        Response again = post(tenant.token(), CLUSTERS, Map.of("name", "edge-1"), key);
        again.then().statusCode(200);

        String id = first.path("cluster.id");
        assertThat((String) again.path("cluster.id")).isEqualTo(id);
        assertThat(first.header("Location")).endsWith(CLUSTERS + "/" + id);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(readBack(tenant.token(), first).path("name").asText()).isEqualTo("edge-1");
        String firstToken = first.path("registration.token");
        String secondToken = again.path("registration.token");
        assertThat(secondToken).isNotEqualTo(firstToken);
        Api.as(tenant.token())
                .when()
                .get(CLUSTERS)
                .then()
                .statusCode(200)
                .body("items.findAll { it.name == 'edge-1' }.size()", equalTo(1));

        Agents.register(firstToken, Agents.keyPair())
                .then()
                .statusCode(401)
                .body("type", endsWith("/invalid-registration-token"));
        Agents.register(secondToken, Agents.keyPair()).then().statusCode(201);
        // once its agent has registered, a repeat answers the cluster without a token
        post(tenant.token(), CLUSTERS, Map.of("name", "edge-1"), key)
                .then()
                .statusCode(200)
                .body("cluster.id", equalTo(id))
                .body("registration", equalTo(null));
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndMakesNothing() {
        Tenants.SignedUp tenant = Tenants.free("Reused Keys");
        String key = UUID.randomUUID().toString();
        post(tenant.token(), CLUSTERS, Map.of("name", "first"), key).then().statusCode(201);
        post(tenant.token(), CLUSTERS, Map.of("name", "second"), key)
                .then()
                .statusCode(422)
                .contentType(Api.PROBLEM)
                .body("type", endsWith("/idempotency-key-reused"));
        Api.as(tenant.token()).when().get(CLUSTERS).then().statusCode(200).body("items.size()", equalTo(1));
        post(tenant.token(), CLUSTERS, Map.of("name", "third"), "x".repeat(201))
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        // keys are the tenant's own: another tenant's same key makes its own cluster
        Tenants.SignedUp other = Tenants.free("Reused Keys Too");
        post(other.token(), CLUSTERS, Map.of("name", "first"), key).then().statusCode(201);
    }

    @Test
    void aRetriedInvitationHandsOutANewOneTimePasswordAndTheFirstStopsWorking() {
        Tenants.SignedUp tenant = Tenants.free("Retry Invites");
        String email = "retry-" + UUID.randomUUID() + "@example.test";
        Map<String, Object> invite = Map.of("email", email, "role", "tenant-viewer");
        String key = UUID.randomUUID().toString();
        Response first = post(tenant.token(), USERS, invite, key);
        first.then().statusCode(201);
        Response again = post(tenant.token(), USERS, invite, key);
        again.then().statusCode(200).body("user.id", equalTo(first.path("user.id")));

        assertThat(first.header("Location")).endsWith(USERS + "/" + first.path("user.id"));
        assertThat(readBack(tenant.token(), again).path("email").asText()).isEqualTo(email);
        assertPasswordIsTheOneTimeOne(email, again.path("oneTimePassword"));
        assertPasswordIsWrong(email, first.path("oneTimePassword"));
    }

    @Test
    void aRetriedCustomerCreationKeepsItsOneTimePasswordUsable() {
        String partner = Partners.token("Retry Partner " + UUID.randomUUID());
        Map<String, Object> customer = Map.of(
                "organisation",
                "Retry Customer",
                "adminEmail",
                "admin-" + UUID.randomUUID() + "@customer.test",
                "homeRegion",
                "eu-west-1");
        String key = UUID.randomUUID().toString();
        Response first = post(partner, "/api/v1/partner/tenants", customer, key);
        first.then().statusCode(201);
        Response again = post(partner, "/api/v1/partner/tenants", customer, key);
        again.then().statusCode(200).body("tenant.id", equalTo(first.path("tenant.id")));

        assertThat(readBack(partner, first).path("name").asText()).isEqualTo("Retry Customer");
        assertPasswordIsTheOneTimeOne(again.path("adminEmail"), again.path("adminOneTimePassword"));
        assertPasswordIsWrong(again.path("adminEmail"), first.path("adminOneTimePassword"));
        Api.as(partner).when().get("/api/v1/partner/tenants").then().statusCode(200);
    }

    @Test
    void aRetriedPartnerCreationAnswersTheSameClientAndSecret() {
        Map<String, Object> partner = Map.of("name", "Retry Partner " + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        Response first = post(Operators.token(), "/api/v1/partners", partner, key);
        first.then().statusCode(201);
        Response again = post(Operators.token(), "/api/v1/partners", partner, key);
        again.then()
                .statusCode(200)
                .body("id", equalTo(first.path("id")))
                .body("clientSecret", equalTo(first.path("clientSecret")));
        assertThat(readBack(Operators.token(), first).path("clientId").asText())
                .isEqualTo(first.path("clientId").toString());
    }

    @Test
    void aRetriedCommandIsQueuedOnceAndARunNamesItself() {
        Tenants.SignedUp tenant = Tenants.free("Retry Commands");
        String cluster =
                Agents.createCluster(tenant, "c").path("cluster").path("id").asText();
        String commands = CLUSTERS + "/" + cluster + "/commands";
        Map<String, Object> backup = Map.of("kind", "BACKUP", "backup", Map.of());
        String key = UUID.randomUUID().toString();
        Response first = post(tenant.token(), commands, backup, key);
        first.then().statusCode(202);
        post(tenant.token(), commands, backup, key).then().statusCode(200).body("id", equalTo(first.path("id")));
        assertThat(readBack(tenant.token(), first).path("kind").asText()).isEqualTo("BACKUP");
        Api.as(tenant.token()).when().get(commands).then().statusCode(200).body("items.size()", equalTo(1));

        String policy = Policies.create(tenant, cluster, "nightly").path("id").asText();
        Response run = Api.as(tenant.token()).when().post("/api/v1/policies/" + policy + "/run");
        run.then().statusCode(202);
        assertThat(readBack(tenant.token(), run).path("id").asText())
                .isEqualTo(run.path("id").toString());
    }

    @Test
    void aPersonsMisspeltFieldIsRefusedWhileANewerAgentsFieldIsIgnored() {
        Tenants.SignedUp tenant = Tenants.free("Strict Fields");
        Api.as(tenant.token())
                .body(Map.of("name", "x", "nmae", "y"))
                .when()
                .post(CLUSTERS)
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM)
                .body("type", endsWith("/malformed-body"))
                .body("detail", containsString("nmae"));

        Agents.Registered agent = Agents.registered(tenant, "newer-agent");
        Api.as(agent.accessToken())
                .body(Map.of(
                        "agentVersion",
                        "9.0.0",
                        "kubernetesVersion",
                        "v1.40.0",
                        "nodeCount",
                        4,
                        "namespaceCount",
                        13,
                        "fieldOfAgentNine",
                        Map.of("x", 1)))
                .when()
                .post("/api/v1/agent/heartbeat")
                .then()
                .statusCode(200)
                .body("agentVersion", equalTo("9.0.0"));
    }

    @Test
    void aUserIdThatIsNoDirectoryIdNeverReachesTheDirectory() {
        Tenants.SignedUp tenant = Tenants.free("Odd Ids");
        for (String id : new String[] {
            "%00", "..%2F..%2Fclients", "not-a-uuid", UUID.randomUUID().toString()
        }) {
            Api.as(tenant.token())
                    .urlEncodingEnabled(false)
                    .when()
                    .delete(USERS + "/" + id)
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(400, 404))
                    .contentType(Api.PROBLEM);
        }
    }

    private static Response post(String token, String path, Object body, String key) {
        return Api.as(token).header("Idempotency-Key", key).body(body).when().post(path);
    }

    /** GETs the answer's {@code Location} with the same token: what it names exists. */
    private static JsonNode readBack(String token, Response answer) {
        String location = answer.header("Location");
        assertThat(location).as("Location").isNotNull();
        return Api.as(token)
                .when()
                .get(URI.create(location).getPath())
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class);
    }

    /** Keycloak checks the password before the required action: "not fully set up" means it matched. */
    private static void assertPasswordIsTheOneTimeOne(String email, String password) {
        passwordGrant(email, password).then().statusCode(400).body(containsString("not fully set up"));
    }

    private static void assertPasswordIsWrong(String email, String password) {
        passwordGrant(email, password).then().statusCode(401).body(containsString("invalid_grant"));
    }

    private static Response passwordGrant(String email, String password) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password")
                .formParam("client_id", "cairn-cli")
                .formParam("username", email)
                .formParam("password", password)
                .when()
                .post(TestPlatform.get().keycloak().realmUrl("cairn") + "/protocol/openid-connect/token");
    }
}
