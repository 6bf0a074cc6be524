package dev.cairn.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.data.record.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackupTraceLinkTest {
    private static final UUID BACKUP = UUID.fromString("bac0b0b0-0000-4000-8000-00000000000c");
    private static final UUID TENANT = UUID.fromString("7e0a0000-0000-4000-8000-000000000001");

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    // as the services sample: a new trace never (ratio 0), a trace as its caller decided
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(0)))
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build();
    private final BackupTraceLink link = new BackupTraceLink(provider.get("test"));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aBackupStartedInASampledRequestOpensItsOwnTraceLinkedToTheRequest() {
        Span request = provider.get("test")
                .spanBuilder("POST /api/v1/backups")
                .setParent(io.opentelemetry.context.Context.root().with(Span.wrap(remote(TraceFlags.getSampled()))))
                .startSpan();
        try (Scope scope = request.makeCurrent()) {
            link.started(BACKUP, TENANT);
        }
        request.end();

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(spans).hasSize(2);
        SpanData started = spans.get(0);
        assertThat(started.getName()).isEqualTo("backup started");
        assertThat(started.getTraceId()).isEqualTo(TraceParent.traceId(BACKUP));
        assertThat(started.getParentSpanId()).isEqualTo(TraceParent.backupSpanId(BACKUP));
        assertThat(started.getLinks())
                .singleElement()
                .satisfies(l -> assertThat(l.getSpanContext()).isEqualTo(request.getSpanContext()));
        assertThat(started.getAttributes().asMap().toString()).contains(BACKUP.toString(), TENANT.toString());
        SpanData requested = spans.get(1);
        assertThat(requested.getAttributes().asMap().toString()).contains(BackupTraceLink.BACKUP_ID + "=" + BACKUP);
    }

    @Test
    void aBackupStartedInARequestNotSampledIsNotExportedEither() {
        try (Scope scope = Span.wrap(remote(TraceFlags.getDefault())).makeCurrent()) {
            link.started(BACKUP, TENANT);
        }
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void outsideAnyTraceNothingIsMade() {
        link.started(BACKUP, TENANT);
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    private static SpanContext remote(TraceFlags flags) {
        return SpanContext.createFromRemoteParent(
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", flags, TraceState.getDefault());
    }
}
