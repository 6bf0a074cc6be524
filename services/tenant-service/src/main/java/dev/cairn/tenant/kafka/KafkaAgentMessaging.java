package dev.cairn.tenant.kafka;

import dev.cairn.api.agent.AgentCredentials;
import dev.cairn.api.agent.KafkaLogin;
import dev.cairn.tenant.cluster.AgentMessaging;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Agents' write-only Kafka identities: a SCRAM user per agent with WRITE and DESCRIBE on the data topic only, and a
 * client quota on that user (produce byte rate, request percentage) so that no agent can take the brokers from the
 * others. It cannot read any topic, join any group, or write anywhere else.
 */
@ApplicationScoped
public class KafkaAgentMessaging implements AgentMessaging {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PRODUCER_BYTE_RATE = "producer_byte_rate";
    private static final String REQUEST_PERCENTAGE = "request_percentage";

    private final KafkaConfig config;
    private final Admin admin;

    public KafkaAgentMessaging(KafkaConfig config) {
        this.config = config;
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.put("security.protocol", config.securityProtocol());
        properties.put("sasl.mechanism", config.saslMechanism());
        properties.put("sasl.jaas.config", KafkaLogin.scramJaasConfig(config.username(), config.password()));
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        this.admin = Admin.create(properties);
    }

    @Override
    public AgentCredentials.Kafka grantWriter(String principal) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ScramMechanism mechanism = ScramMechanism.fromMechanismName(config.saslMechanism());
        await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                        principal, new ScramCredentialInfo(mechanism, 8192), password)))
                .all());
        ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC, config.dataTopic(), PatternType.LITERAL);
        await(admin.createAcls(List.of(
                        new AclBinding(topic, allow(principal, AclOperation.WRITE)),
                        new AclBinding(topic, allow(principal, AclOperation.DESCRIBE))))
                .all());
        limit(List.of(principal));
        return new AgentCredentials.Kafka(
                config.bootstrapServers(),
                config.securityProtocol(),
                config.saslMechanism(),
                principal,
                password,
                config.dataTopic());
    }

    /** Quotas per request: one alteration per user, in batches of this many. */
    private static final int QUOTA_BATCH = 500;

    @Override
    public void limit(Collection<String> principals) {
        List<ClientQuotaAlteration.Op> rates = List.of(
                new ClientQuotaAlteration.Op(PRODUCER_BYTE_RATE, (double) config.agentProduceBytesPerSecond()),
                new ClientQuotaAlteration.Op(REQUEST_PERCENTAGE, config.agentRequestPercentage()));
        alterQuotas(principals, rates);
    }

    private void alterQuotas(Collection<String> principals, List<ClientQuotaAlteration.Op> ops) {
        List<ClientQuotaAlteration> batch = new ArrayList<>();
        for (String principal : principals) {
            batch.add(new ClientQuotaAlteration(new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, principal)), ops));
            if (batch.size() == QUOTA_BATCH) {
                await(admin.alterClientQuotas(batch).all());
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            await(admin.alterClientQuotas(batch).all());
        }
    }

    @Override
    public void revoke(String principal) {
        // null values remove the user's quotas: nothing is left of the agent on the brokers
        alterQuotas(
                List.of(principal),
                List.of(
                        new ClientQuotaAlteration.Op(PRODUCER_BYTE_RATE, null),
                        new ClientQuotaAlteration.Op(REQUEST_PERCENTAGE, null)));
        await(admin.deleteAcls(List.of(new AclBindingFilter(
                        ResourcePatternFilter.ANY,
                        new AccessControlEntryFilter(
                                "User:" + principal, null, AclOperation.ANY, AclPermissionType.ANY))))
                .all());
        try {
            await(admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(
                            principal, ScramMechanism.fromMechanismName(config.saslMechanism()))))
                    .all());
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof ResourceNotFoundException)) {
                throw e; // a user already gone is revoked
            }
        }
    }

    private static AccessControlEntry allow(String principal, AclOperation operation) {
        return new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW);
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer in 30 s", e);
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
