package dev.cairn.metering.billing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.metering.MeteringConfig;
import dev.cairn.metering.webhook.WebhookEventType;
import dev.cairn.metering.webhook.Webhooks;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Runs the statements every {@code cairn.metering.statements-every} (and when an operator asks), and tells the
 * customer's partner of each statement made Final ({@code statement.finalized}).
 */
@ApplicationScoped
public class StatementJob {
    private static final Logger LOG = Logger.getLogger(StatementJob.class);

    private final Statements statements;
    private final Webhooks webhooks;
    private final MeteringConfig config;

    public StatementJob(Statements statements, Webhooks webhooks, MeteringConfig config) {
        this.statements = statements;
        this.webhooks = webhooks;
        this.config = config;
    }

    @Scheduled(
            every = "${cairn.metering.statements-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warnf("statements not computed this round: %s", e.getMessage());
        }
    }

    /** Recomputes drafts and finalizes what is due now. */
    public Statements.RunReport run() {
        Statements.RunReport report = statements.run(Instant.now(), config.finalizeAfter(), this::finalized);
        LOG.infof("statements: %d draft(s) computed, %d finalized", report.drafts(), report.finalized());
        return report;
    }

    private void finalized(Statement s) {
        ObjectNode data = JsonNodeFactory.instance
                .objectNode()
                .put("statementId", s.id().toString())
                .put("tenantId", s.tenantId().toString())
                .put("month", s.month().toString().substring(0, 7))
                .put("currency", s.currency())
                .put("total", s.total());
        webhooks.enqueue(s.partnerId(), WebhookEventType.STATEMENT_FINALIZED, s.id(), s.finalizedAt(), data);
    }
}
