package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.AgentRecords;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Adding a cluster, registering its agent with the one-time token, heartbeats, and revocation. */
class ClusterRegistrationIT {
    private static final String HEARTBEAT = "/api/v1/agent/heartbeat";

    @Test
    void aNewClusterComesWithAOneTimeTokenAndAHelmOneLiner() {
        Tenants.SignedUp tenant = Tenants.free("Helm Co");
        JsonNode created = Agents.createCluster(tenant, "prod-eu");

        assertThat(created.path("cluster").path("phase").asText()).isEqualTo("PendingRegistration");
        String token = created.path("registration").path("token").asText();
        assertThat(token).startsWith("cairn_reg_").hasSizeGreaterThan(40);
        assertThat(created.path("registration").path("helmCommand").asText())
                .startsWith("helm install cairn-agent ")
                .contains("-n cairn-system --create-namespace")
                .contains("--set registration.token=" + token)
                .contains("--set platform.url=" + TestPlatform.get().entryPoint());
        Api.as(tenant.token())
                .when()
                .get("/api/v1/clusters")
                .then()
                .statusCode(200)
                .body("items.name", contains("prod-eu"));
    }

    @Test
    void anAgentRegistersOnceAndGetsWorkingCredentialsAndItsTenantsKeys() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Register Co");
        JsonNode created = Agents.createCluster(tenant, "edge-1");
        String token = created.path("registration").path("token").asText();
        var keys = Agents.keyPair();

        // when
        Response response = Agents.register(token, keys);

        // then: credentials for Kafka and the API, and keys wrapped to the agent's public key
        response.then().statusCode(201);
        Agents.Registered agent = new Agents.Registered(Api.json(response), keys);
        JsonNode credentials = agent.credentials();
        assertThat(credentials.path("tenantId").asText()).isEqualTo(tenant.id().toString());
        assertThat(credentials.path("keyWrapping").asText()).isEqualTo("RSA-OAEP-256");
        assertThat(agent.unwrap(credentials.path("macKey").asText())).hasSize(32);
        assertThat(agent.unwrap(credentials.path("dataKeys").path("CHUNK_ID").asText()))
                .hasSize(32);
        assertThat(agent.unwrap(
                        credentials.path("dataKeys").path("CHUNK_ENCRYPTION").asText()))
                .hasSize(32);

        // the token works once
        assertThat(Agents.register(token, Agents.keyPair()).statusCode()).isEqualTo(401);

        // the cluster shows as connected, with what the agent reported
        Api.as(tenant.token())
                .when()
                .get("/api/v1/clusters/" + credentials.path("clusterId").asText())
                .then()
                .statusCode(200)
                .body("phase", equalTo("Connected"))
                .body("online", equalTo(true))
                .body("kubernetesVersion", equalTo("v1.31.2"))
                .body("nodeCount", equalTo(3));

        // its API identity works for heartbeats
        String apiToken = Agents.accessToken(agent.apiToken());
        Api.as(apiToken)
                .body(Map.of(
                        "agentVersion", "0.1.1", "kubernetesVersion", "v1.31.3", "nodeCount", 4, "namespaceCount", 13))
                .when()
                .post(HEARTBEAT)
                .then()
                .statusCode(200)
                .body("agentVersion", equalTo("0.1.1"));

        // its Kafka identity may write the data topic, and nothing more
        try (var producer = producer(credentials.path("kafka"))) {
            producer.send(new ProducerRecord<>(Platform.DATA_TOPIC, new byte[] {1}, new byte[] {2}))
                    .get(30, TimeUnit.SECONDS);
        }
        try (var consumer = consumer(credentials.path("kafka"))) {
            consumer.subscribe(List.of(Platform.DATA_TOPIC));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(15)))
                    .isInstanceOf(org.apache.kafka.common.KafkaException.class);
        }
        // at no more than its own rates: the brokers delay an agent past them, never the others
        assertThat(kafkaQuotas(credentials.path("kafka").path("username").asText()))
                .isEqualTo(Map.of("producer_byte_rate", 16_777_216.0, "request_percentage", 50.0));
    }

    /** The client quotas the brokers hold for a Kafka user. */
    private static Map<String, Double> kafkaQuotas(String user) throws Exception {
        ClientQuotaEntity entity = new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, user));
        try (Admin admin = TestPlatform.get().kafka().admin()) {
            return admin.describeClientQuotas(ClientQuotaFilter.containsOnly(
                            List.of(ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, user))))
                    .entities()
                    .get(30, TimeUnit.SECONDS)
                    .getOrDefault(entity, Map.of());
        }
    }

    @Test
    void twoAgentsOfATenantShareItsDataKeysAndOtherTenantsHaveOthers() {
        Tenants.SignedUp first = Tenants.free("Keys One");
        Tenants.SignedUp second = Tenants.free("Keys Two");
        Agents.Registered a1 = Agents.registered(first, "a1");
        Agents.Registered a2 = Agents.registered(first, "a2");
        Agents.Registered b1 = Agents.registered(second, "b1");

        byte[] keyA1 = a1.unwrap(
                a1.credentials().path("dataKeys").path("CHUNK_ENCRYPTION").asText());
        byte[] keyA2 = a2.unwrap(
                a2.credentials().path("dataKeys").path("CHUNK_ENCRYPTION").asText());
        byte[] keyB1 = b1.unwrap(
                b1.credentials().path("dataKeys").path("CHUNK_ENCRYPTION").asText());
        assertThat(keyA1).isEqualTo(keyA2);
        assertThat(keyB1).isNotEqualTo(keyA1);
        // each agent has a MAC key of its own
        assertThat(a1.unwrap(a1.credentials().path("macKey").asText()))
                .isNotEqualTo(a2.unwrap(a2.credentials().path("macKey").asText()));
    }

    @Test
    void badRegistrationsAreRefusedClearly() {
        Tenants.SignedUp tenant = Tenants.free("Bad Reg Co");
        JsonNode created = Agents.createCluster(tenant, "bad");
        String token = created.path("registration").path("token").asText();

        assertThat(Agents.register("cairn_reg_forged", Agents.keyPair()).statusCode())
                .isEqualTo(401);
        Api.anonymous()
                .body(Map.of("token", token, "publicKey", "bm90IGEga2V5", "agentVersion", "0.1.0"))
                .when()
                .post("/api/v1/agent/register")
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM);
        // the token survives a refused attempt
        assertThat(Agents.register(token, Agents.keyPair()).statusCode()).isEqualTo(201);
    }

    @Test
    void aReissuedTokenReplacesTheOldOne() {
        Tenants.SignedUp tenant = Tenants.free("Reissue Co");
        JsonNode created = Agents.createCluster(tenant, "late");
        String old = created.path("registration").path("token").asText();
        String id = created.path("cluster").path("id").asText();

        String reissued = Api.as(tenant.token())
                .when()
                .post("/api/v1/clusters/" + id + "/registration-token")
                .then()
                .statusCode(200)
                .extract()
                .path("token");

        assertThat(Agents.register(old, Agents.keyPair()).statusCode()).isEqualTo(401);
        assertThat(Agents.register(reissued, Agents.keyPair()).statusCode()).isEqualTo(201);
    }

    @Test
    void revokingAnAgentStopsItsApiTokenAndKafkaUserWithinSeconds() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Revoke Co");
        Agents.Registered agent = Agents.registered(tenant, "doomed");
        String clusterId = agent.credentials().path("clusterId").asText();
        String apiToken = Agents.accessToken(agent.apiToken());
        Map<String, Object> beat = Map.of("agentVersion", "0.1.0");
        Api.as(apiToken).body(beat).when().post(HEARTBEAT).then().statusCode(200);
        var producer = producer(agent.credentials().path("kafka"));
        producer.send(new ProducerRecord<>(Platform.DATA_TOPIC, new byte[] {1})).get(30, TimeUnit.SECONDS);

        // when
        Api.as(tenant.token())
                .when()
                .delete("/api/v1/clusters/" + clusterId)
                .then()
                .statusCode(204);

        // then: the API refuses its still-unexpired token at once, and it gets no new one
        Api.as(apiToken)
                .body(beat)
                .when()
                .post(HEARTBEAT)
                .then()
                .statusCode(403)
                .contentType(Api.PROBLEM);
        assertThat(Agents.accessToken(agent.apiToken())).isNull();
        // and Kafka cuts off its open connection at the next re-authentication (10 s here)
        try (producer) {
            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        try {
                            producer.send(new ProducerRecord<>(Platform.DATA_TOPIC, new byte[] {1}))
                                    .get(10, TimeUnit.SECONDS);
                            return false;
                        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                            return true;
                        }
                    });
        }
        Api.as(tenant.token())
                .when()
                .get("/api/v1/clusters/" + clusterId)
                .then()
                .statusCode(200)
                .body("phase", equalTo("Revoked"));
        // and nothing of it is left on the brokers, its rates neither
        assertThat(kafkaQuotas(
                        agent.credentials().path("kafka").path("username").asText()))
                .isEmpty();
    }

    private static KafkaProducer<byte[], byte[]> producer(JsonNode kafka) {
        Properties properties = clientProperties(kafka);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "9000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "8000");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(JsonNode kafka) {
        Properties properties = clientProperties(kafka);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "agent-snoop");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Properties clientProperties(JsonNode kafka) {
        return AgentRecords.clientProperties(kafka);
    }
}
