package dev.cairn.tenant.command;

import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.platform.metrics.PhaseGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cairn_commands{phase}}: how many agent commands are in each phase now, all clusters, counted every 30 s (the
 * queue's depth is the {@code Queued} count).
 */
@ApplicationScoped
public class CommandMetrics {
    private final PhaseGauges gauges;

    public CommandMetrics(MeterRegistry metrics) {
        this.gauges =
                new PhaseGauges(metrics, "cairn.commands", "Agent commands in each phase now", CommandPhase.class);
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        Map<String, Long> byPhase = new HashMap<>();
        List<?> rows = QuarkusTransaction.requiringNew()
                .call(() -> AgentCommand.getEntityManager()
                        .createNativeQuery("SELECT phase, count(*) FROM agent_command GROUP BY phase")
                        .getResultList());
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            byPhase.put(String.valueOf(columns[0]), ((Number) columns[1]).longValue());
        }
        gauges.set(byPhase);
    }
}
