package dev.cairn.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class CurrentTraceTest {

    @Test
    void theCurrentSpanIsWrittenAsW3CSaysWithItsSamplingFlag() {
        Span sampled = Span.wrap(SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                TraceFlags.getSampled(),
                TraceState.getDefault()));
        try (Scope scope = sampled.makeCurrent()) {
            assertThat(CurrentTrace.traceparent()).contains("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        }
    }

    @Test
    void outsideAnyTraceThereIsNone() {
        assertThat(CurrentTrace.traceparent()).isEmpty();
    }
}
