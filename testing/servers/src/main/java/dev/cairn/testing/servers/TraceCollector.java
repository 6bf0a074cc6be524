package dev.cairn.testing.servers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The local platform's trace sink: an OTLP/HTTP receiver ({@code POST /v1/traces}, protobuf, gzip or not) in this JVM
 * that writes every span the services export as one JSON line to a file, where a test or a person trying the platform
 * reads a trace ({@code grep <trace id>}). The services sample only traces their callers sampled (ratio 0), so the
 * file holds what someone asked for: a request with {@code traceparent: 00-<trace>-<span>-01}. Each line:
 * {@code service, traceId, spanId, parentSpanId, name, kind, startNanos, endNanos, status, attributes, links}.
 */
public final class TraceCollector implements AutoCloseable {
    /** The OTLP/HTTP path for traces. */
    public static final String PATH = "/v1/traces";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final Path file;

    private TraceCollector(HttpServer server, Path file) {
        this.server = server;
        this.file = file;
    }

    /** Starts the sink on a free port of 127.0.0.1, appending to {@code file}. */
    public static TraceCollector start(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Ports.free()), 64);
            TraceCollector collector = new TraceCollector(server, file);
            server.createContext(PATH, collector::receive);
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a service's {@code quarkus.otel.exporter.otlp.traces.endpoint} names (the exporter adds the path). */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The file of spans, one JSON object a line. */
    public Path file() {
        return file;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try (InputStream body = decoded(exchange)) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException e) {
                byte[] message = ("not an OTLP trace export: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            write(request);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private static InputStream decoded(HttpExchange exchange) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        InputStream body = exchange.getRequestBody();
        return encoding != null && encoding.equalsIgnoreCase("gzip") ? new GZIPInputStream(body) : body;
    }

    private synchronized void write(ExportTraceServiceRequest request) throws IOException {
        try (Writer out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = attribute(resource.getResource().getAttributesList(), "service.name");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (Span span : scope.getSpansList()) {
                        out.write(JSON.writeValueAsString(line(service, span)));
                        out.write('\n');
                    }
                }
            }
        }
    }

    /** One span as a JSON line. */
    static ObjectNode line(String service, Span span) {
        ObjectNode line = JSON.createObjectNode();
        line.put("service", service);
        line.put("traceId", hex(span.getTraceId()));
        line.put("spanId", hex(span.getSpanId()));
        line.put("parentSpanId", span.getParentSpanId().isEmpty() ? null : hex(span.getParentSpanId()));
        line.put("name", span.getName());
        line.put("kind", span.getKind().name().replace("SPAN_KIND_", ""));
        line.put("startNanos", span.getStartTimeUnixNano());
        line.put("endNanos", span.getEndTimeUnixNano());
        line.put("status", span.getStatus().getCode().name().replace("STATUS_CODE_", ""));
        ObjectNode attributes = line.putObject("attributes");
        for (KeyValue kv : span.getAttributesList()) {
            attributes.put(kv.getKey(), text(kv.getValue()));
        }
        ArrayNode links = line.putArray("links");
        for (Span.Link link : span.getLinksList()) {
            links.addObject().put("traceId", hex(link.getTraceId())).put("spanId", hex(link.getSpanId()));
        }
        return line;
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream()
                .filter(kv -> kv.getKey().equals(key))
                .map(kv -> text(kv.getValue()))
                .findFirst()
                .orElse(null);
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BYTES_VALUE -> hex(value.getBytesValue());
            default -> value.toString().strip();
        };
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    @Override
    public String toString() {
        return "trace collector " + endpoint() + PATH + " -> " + file;
    }
}
