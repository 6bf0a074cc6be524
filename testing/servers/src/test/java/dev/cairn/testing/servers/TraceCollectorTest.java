package dev.cairn.testing.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCollectorTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String LINKED_TRACE = "0af7651916cd43dd8448eb211c80319c";

    @TempDir
    Path dir;

    @Test
    void eachExportedSpanBecomesALineWithItsServiceParentAttributesAndLinks() throws Exception {
        try (TraceCollector collector = TraceCollector.start(dir.resolve("logs/spans.jsonl"))) {
            assertThat(post(collector, export().toByteArray(), false).statusCode())
                    .isEqualTo(200);
            assertThat(post(collector, export().toByteArray(), true).statusCode())
                    .isEqualTo(200);

            List<String> lines = Files.readAllLines(collector.file());
            assertThat(lines).hasSize(2);
            for (String l : lines) {
                JsonNode span = new ObjectMapper().readTree(l);
                assertThat(span.path("service").asText()).isEqualTo("ingest-service");
                assertThat(span.path("traceId").asText()).isEqualTo(TRACE);
                assertThat(span.path("spanId").asText()).isEqualTo("00f067aa0ba902b7");
                assertThat(span.path("parentSpanId").asText()).isEqualTo("b7ad6b7169203331");
                assertThat(span.path("name").asText()).isEqualTo("backup started");
                assertThat(span.path("kind").asText()).isEqualTo("INTERNAL");
                assertThat(span.at("/attributes/cairn.backup.id").asText()).isEqualTo("b-1");
                assertThat(span.at("/attributes/retries").asText()).isEqualTo("3");
                assertThat(span.at("/links/0/traceId").asText()).isEqualTo(LINKED_TRACE);
            }
        }
    }

    @Test
    void whatIsNotAnExportIsRefusedAndWritesNothing() throws Exception {
        try (TraceCollector collector = TraceCollector.start(dir.resolve("spans.jsonl"))) {
            HttpResponse<String> refused = post(collector, new byte[] {(byte) 0xff, 0x01, 0x02}, false);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).startsWith("not an OTLP trace export");
            assertThat(collector.file()).doesNotExist();
        }
    }

    private static ExportTraceServiceRequest export() {
        Span span = Span.newBuilder()
                .setTraceId(bytes(TRACE))
                .setSpanId(bytes("00f067aa0ba902b7"))
                .setParentSpanId(bytes("b7ad6b7169203331"))
                .setName("backup started")
                .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
                .addAttributes(text("cairn.backup.id", "b-1"))
                .addAttributes(KeyValue.newBuilder()
                        .setKey("retries")
                        .setValue(AnyValue.newBuilder().setIntValue(3)))
                .addLinks(Span.Link.newBuilder().setTraceId(bytes(LINKED_TRACE)).setSpanId(bytes("53995c3f42cd8ad8")))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(text("service.name", "ingest-service")))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
                .build();
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static HttpResponse<String> post(TraceCollector collector, byte[] body, boolean gzip)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(collector.endpoint() + TraceCollector.PATH))
                .header("Content-Type", "application/x-protobuf");
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(body);
            }
            body = zipped.toByteArray();
            request.header("Content-Encoding", "gzip");
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(
                    request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
