package dev.cairn.platform.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Optional;

/** The W3C {@code traceparent} of the current span, for what carries a request's trace further (agents' commands). */
public final class Traceparent {
    private Traceparent() {}

    /** The current span's {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}); empty outside any trace. */
    public static Optional<String> current() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex());
    }
}
