package dev.cairn.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.testing.platform.Platform;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The operations every service's OpenAPI document (on its management interface) declares. */
public final class OpenApiDocs {
    private OpenApiDocs() {}

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /**
     * One operation.
     *
     * @param query the names and schema types ({@code integer}, {@code string}, ...) of its query parameters
     * @param body the schema of its JSON body (references resolved one level), or null
     * @param bodyType the media type of its body, or null when it takes none
     */
    public record Operation(
            String service, String method, String path, Map<String, String> query, JsonNode body, String bodyType) {

        /** {@code METHOD /path}, as the suites name operations. */
        public String key() {
            return method + " " + path;
        }
    }

    /** Every operation of every service, in the documents' order. */
    public static List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        for (String service : Platform.SERVICES) {
            JsonNode doc = Api.json(
                    Api.management(service).accept(ContentType.JSON).when().get("/q/openapi"));
            Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
                while (methods.hasNext()) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    String name = method.getKey().toUpperCase(Locale.ROOT);
                    if (METHODS.contains(name)) {
                        all.add(operation(doc, service, name, path.getKey(), method.getValue()));
                    }
                }
            }
        }
        return all;
    }

    private static Operation operation(JsonNode doc, String service, String method, String path, JsonNode op) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        for (JsonNode parameter : op.path("parameters")) {
            if (parameter.path("in").asText().equals("query")) {
                query.put(
                        parameter.path("name").asText(),
                        resolve(doc, parameter.path("schema")).path("type").asText("string"));
            }
        }
        JsonNode content = op.path("requestBody").path("content");
        String bodyType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        JsonNode body =
                bodyType == null ? null : resolve(doc, content.path(bodyType).path("schema"));
        return new Operation(service, method, path, Map.copyOf(query), body, bodyType);
    }

    /** The schema a {@code $ref} names, or the schema itself. */
    public static JsonNode resolve(JsonNode doc, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }
}
