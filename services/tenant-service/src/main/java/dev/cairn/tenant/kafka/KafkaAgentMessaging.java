package dev.cairn.tenant.kafka;

import dev.cairn.api.agent.AgentCredentials;
import dev.cairn.api.agent.KafkaLogin;
import dev.cairn.tenant.cluster.AgentMessaging;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
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
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Agents' write-only Kafka identities: a SCRAM user per agent with WRITE and DESCRIBE on the data topic only. It
 * cannot read any topic, join any group, or write anywhere else.
 */
@ApplicationScoped
public class KafkaAgentMessaging implements AgentMessaging {
    private static final SecureRandom RANDOM = new SecureRandom();

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
        return new AgentCredentials.Kafka(
                config.bootstrapServers(),
                config.securityProtocol(),
                config.saslMechanism(),
                principal,
                password,
                config.dataTopic());
    }

    @Override
    public void revoke(String principal) {
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
