package dev.cairn.metering.billing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.metering.MeteringConfig;
import dev.cairn.metering.webhook.WebhookEventType;
import dev.cairn.metering.webhook.Webhooks;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs the statements every {@code cairn.metering.statements-every} (and in the background when an operator asks),
 * records each run ({@link StatementRuns}), and tells the customer's partner of each statement made Final
 * ({@code statement.finalized}).
 */
@ApplicationScoped
public class StatementJob {
    private static final Logger LOG = Logger.getLogger(StatementJob.class);

    /** The reasons for skipping that a run keeps in its record (the count is complete). */
    private static final int MESSAGES_KEPT = 20;

    private final Statements statements;
    private final StatementRuns runs;
    private final Webhooks webhooks;
    private final MeteringConfig config;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cairn-statements");
        t.setDaemon(true);
        return t;
    });

    public StatementJob(Statements statements, StatementRuns runs, Webhooks webhooks, MeteringConfig config) {
        this.statements = statements;
        this.runs = runs;
        this.webhooks = webhooks;
        this.config = config;
    }

    @Scheduled(
            every = "${cairn.metering.statements-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            StatementRuns.Start start = runs.start("schedule", null);
            if (start.created()) {
                execute(start.run().id());
            }
        } catch (RuntimeException e) {
            LOG.warnf("statements not computed this round: %s", e.getMessage());
        }
    }

    /**
     * An operator's run: started in the background (it takes minutes over many tenants), unless the same request
     * came before or a run is in progress; the run to follow either way.
     */
    public StatementRuns.Start request(String operator, String idempotencyKey) {
        StatementRuns.Start start = runs.start(operator, idempotencyKey);
        if (start.created()) {
            worker.execute(() -> execute(start.run().id()));
        }
        return start;
    }

    /** Recomputes drafts and finalizes what is due now, and records the outcome in the run. */
    private void execute(java.util.UUID run) {
        try {
            Statements.RunReport report = statements.run(Instant.now(), config.finalizeAfter(), this::finalized);
            runs.finish(
                    run,
                    StatementRunPhase.Completed,
                    report.drafts(),
                    report.finalized(),
                    report.skipped().size(),
                    report.skipped().isEmpty()
                            ? null
                            : String.join(
                                    "\n",
                                    report.skipped()
                                            .subList(
                                                    0,
                                                    Math.min(
                                                            MESSAGES_KEPT,
                                                            report.skipped().size()))));
            LOG.infof(
                    "statements run %s: %d draft(s) computed, %d finalized, %d skipped",
                    run, report.drafts(), report.finalized(), report.skipped().size());
        } catch (RuntimeException e) {
            LOG.warnf(e, "statements run %s failed", run);
            runs.finish(run, StatementRunPhase.Failed, 0, 0, 0, String.valueOf(e.getMessage()));
        }
    }

    void stop(@jakarta.enterprise.event.Observes io.quarkus.runtime.ShutdownEvent event) {
        worker.shutdownNow();
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
