package dev.cairn.portal.page;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.EngineConfiguration;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.ValueResolver;
import io.quarkus.qute.WithPriority;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Lets templates read the API's JSON as it is: {@code {cluster.name}} is the field's text, a number or a boolean; an
 * array is a list to iterate; a missing or null field is nothing (so {@code {#if cluster.lastHeartbeatAt}} works).
 */
@EngineConfiguration
public class JsonValues implements ValueResolver {
    @Override
    public boolean appliesTo(EvalContext context) {
        return context.getBase() instanceof JsonNode;
    }

    @Override
    public CompletionStage<Object> resolve(EvalContext context) {
        JsonNode node = (JsonNode) context.getBase();
        JsonNode field = node.get(context.getName());
        if (field == null && context.getName().equals("size") && node.isArray()) {
            return java.util.concurrent.CompletableFuture.completedFuture(node.size());
        }
        return java.util.concurrent.CompletableFuture.completedFuture(field == null ? null : value(field));
    }

    /** A JSON value as templates use it. */
    public static Object value(JsonNode field) {
        if (field == null || field.isNull() || field.isMissingNode()) {
            return null;
        }
        if (field.isTextual()) {
            return field.asText();
        }
        if (field.isBoolean()) {
            return field.asBoolean();
        }
        if (field.isIntegralNumber()) {
            return field.asLong();
        }
        if (field.isNumber()) {
            return field.decimalValue();
        }
        if (field.isArray()) {
            List<Object> items = new ArrayList<>();
            field.forEach(items::add);
            return items;
        }
        return field;
    }

    @Override
    public int getPriority() {
        return WithPriority.DEFAULT_PRIORITY + 10;
    }
}
