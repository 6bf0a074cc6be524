package dev.cairn.platform.kafka;

import dev.cairn.data.record.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.MDC;

/**
 * A consumed record's span: kind CONSUMER, named {@code <operation> <topic>}, with OpenTelemetry's messaging attributes,
 * a child of the trace the record carries (its {@code traceparent}: a header, or inside the event) or a new trace's
 * root. A record in a trace its writer sampled is exported; the rest cost a span that records nothing.
 */
public final class RecordSpans {
    private static final TextMapGetter<Map<String, String>> ONE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private RecordSpans() {}

    /** The record's {@code traceparent} header; null when it has none. */
    public static String traceparent(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(TraceParent.HEADER);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Starts the span of handling {@code record} in the trace {@code traceparent} names (null or not one: none). */
    public static Span start(Tracer tracer, String operation, ConsumerRecord<?, ?> record, String traceparent) {
        Context parent = TraceParent.traceIdOf(traceparent).isPresent()
                ? W3CTraceContextPropagator.getInstance()
                        .extract(Context.root(), Map.of(TraceParent.HEADER, traceparent), ONE)
                : Context.root();
        return tracer.spanBuilder(operation + " " + record.topic())
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.name", operation)
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
    }

    /**
     * Handles a record in its span ({@link #start}, the {@code traceparent} header's trace), with the trace's ids in
     * the log lines' MDC meanwhile (a consumer's thread is not a request's: Quarkus does not set them there).
     */
    public static void traced(Tracer tracer, String operation, ConsumerRecord<?, ?> record, Runnable handling) {
        Span span = start(tracer, operation, record, traceparent(record));
        SpanContext context = span.getSpanContext();
        try (Scope scope = span.makeCurrent()) {
            MDC.put("traceId", context.getTraceId());
            MDC.put("spanId", context.getSpanId());
            handling.run();
        } finally {
            MDC.remove("traceId");
            MDC.remove("spanId");
            span.end();
        }
    }

    /** Ends the spans of a batch's records, marked failed with {@code failure} when it is not null. */
    public static void end(List<Span> spans, Throwable failure) {
        for (Span span : spans) {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.getMessage());
            }
            span.end();
        }
    }
}
