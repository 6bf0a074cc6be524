package dev.cairn.platform.trace;

import dev.cairn.data.record.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Joins a backup's own trace (its id as trace id, {@link TraceParent}) to the trace of the request that started it (the
 * agent starts a command's backup in the command's trace: the tenant's request, a policy's fire). The request's span
 * is marked with the backup's id ({@value #BACKUP_ID}), and a span "backup started" opens the backup's trace under the
 * agent's run of it, linked to the request's span and sampled as it is: a tracing backend leads from either trace to
 * the other, and keeps the backup's when it kept the request's.
 */
@ApplicationScoped
public class BackupTraceLink {
    /** The span attribute that names a backup. */
    public static final String BACKUP_ID = "cairn.backup.id";

    private final Tracer tracer;

    BackupTraceLink(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Links the new backup {@code backup} of {@code tenant} to the current span; nothing outside a trace. */
    public void started(UUID backup, UUID tenant) {
        Span request = Span.current();
        SpanContext requested = request.getSpanContext();
        if (!requested.isValid()) {
            return;
        }
        request.setAttribute(BACKUP_ID, backup.toString());
        SpanContext run = SpanContext.createFromRemoteParent(
                TraceParent.traceId(backup),
                TraceParent.backupSpanId(backup),
                requested.getTraceFlags(),
                TraceState.getDefault());
        tracer.spanBuilder("backup started")
                .setParent(Context.root().with(Span.wrap(run)))
                .addLink(requested)
                .setAttribute(BACKUP_ID, backup.toString())
                .setAttribute("cairn.tenant.id", tenant.toString())
                .startSpan()
                .end();
    }
}
