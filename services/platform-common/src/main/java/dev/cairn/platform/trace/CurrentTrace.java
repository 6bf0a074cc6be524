package dev.cairn.platform.trace;

import dev.cairn.data.record.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/** The current span's trace context, for what carries a request's trace further (agents' commands). */
public final class CurrentTrace {
    private CurrentTrace() {}

    /** The current span's W3C {@code traceparent}; empty outside any trace. */
    public static Optional<String> traceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of(TraceParent.of(
                span.getTraceId(), span.getSpanId(), span.getTraceFlags().asHex()));
    }
}
