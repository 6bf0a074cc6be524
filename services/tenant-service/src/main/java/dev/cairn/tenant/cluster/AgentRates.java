package dev.cairn.tenant.cluster;

import dev.cairn.api.agent.ClusterPhase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sets the configured Kafka rates on every connected agent's identity once per start of the service (retried until
 * the brokers take them): agents registered before the rates existed, or before they were changed, get them too.
 * Registration sets them on new agents itself.
 */
@ApplicationScoped
public class AgentRates {
    private static final Logger LOG = Logger.getLogger(AgentRates.class);

    private final AgentMessaging messaging;
    private volatile boolean applied;

    public AgentRates(AgentMessaging messaging) {
        this.messaging = messaging;
    }

    @Scheduled(every = "${cairn.agents.revocation-retry:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void apply() {
        if (applied) {
            return;
        }
        List<String> principals = connected();
        try {
            messaging.limit(principals);
            applied = true;
            LOG.infof("Kafka rates set on %d connected agent(s)", principals.size());
        } catch (RuntimeException e) {
            LOG.warnf("Kafka rates of connected agents not set yet (retried): %s", e.getMessage());
        }
    }

    @Transactional
    List<String> connected() {
        return Cluster.<Cluster>list("phase", ClusterPhase.Connected).stream()
                .map(Cluster::agentPrincipal)
                .toList();
    }
}
