package dev.cairn.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.OpenApiDocs;
import dev.cairn.it.support.RawHttp;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A fuzz test of the whole public surface (issue 17, item 8): every operation of every service's OpenAPI document,
 * sent through the gateway with malformed path parameters, query parameters and bodies (wrong types, nulls, huge
 * strings, deep nesting, invalid UTF-8, bad ids), as a tenant's administrator, as an agent and without a token. No
 * answer may be a 5xx, and every 4xx must be problem+json. The cases are fixed lists plus a seeded choice
 * ({@code -Dcairn.fuzz.seed}), so that a failure is repeated by its seed.
 */
class ApiFuzzIT {
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /** Values for path parameters that no id is: not a UUID, empty-ish, huge, invalid UTF-8, encoded dots. */
    private static final List<String> BAD_IDS = List.of(
            "not-a-uuid",
            "0",
            "-1",
            "null",
            "00000000-0000-0000-0000-000000000000",
            "%C3%28",
            "%F0%9F%92%A9",
            "%2e%2e",
            "a".repeat(4000),
            "'%20OR%201=1--",
            "%7B%7D");

    /** Values for query parameters of any type. */
    private static final List<String> BAD_QUERY_VALUES = List.of(
            "",
            "-1",
            "abc",
            "99999999999999999999",
            "1e308",
            "%FF%FE",
            "%00",
            "true",
            "2026-13-45T99:99:99Z",
            "x".repeat(8000));

    private record Case(String method, String target, String contentType, byte[] body) {}

    @Test
    void noMalformedRequestGetsA5xxAndEveryRefusalIsAProblem() {
        long seed = Long.getLong("cairn.fuzz.seed", 17L);
        Random random = new Random(seed);
        URI entry = URI.create(TestPlatform.get().entryPoint());
        Tenants.SignedUp tenant = Tenants.free("Fuzz Target");
        Agents.Registered agent = Agents.registered(tenant, "fuzz-agent");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("tenant", tenant.token());
        tokens.put("agent", agent.accessToken());
        tokens.put("none", null);

        List<OpenApiDocs.Operation> operations = OpenApiDocs.operations().stream()
                .filter(o -> o.path().startsWith("/api/"))
                // ending the fuzzing tenant would turn every later request into the same 409
                .filter(o -> !o.key().equals("DELETE /api/v1/tenant"))
                .toList();
        assertThat(operations).hasSizeGreaterThan(50);

        Map<String, String> failures = new LinkedHashMap<>();
        int sent = 0;
        for (OpenApiDocs.Operation operation : operations) {
            List<Case> cases = cases(operation, random);
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                for (Case c : cases) {
                    RawHttp.Answer answer =
                            RawHttp.send(entry, c.method(), c.target(), token.getValue(), c.contentType(), c.body());
                    sent++;
                    String failure = judge(answer);
                    // one example of each kind of failure (its status) per operation
                    String kind = failure == null ? null : operation.key() + " " + failure.substring(0, 3);
                    if (failure != null && !failures.containsKey(kind) && failures.size() < 60) {
                        failures.put(
                                kind,
                                token.getKey() + " " + c.method() + " " + abbreviate(c.target()) + " body "
                                        + abbreviate(
                                                c.body() == null
                                                        ? "none"
                                                        : new String(c.body(), StandardCharsets.ISO_8859_1))
                                        + " -> " + failure);
                    }
                }
            }
        }
        System.out.printf(
                "ApiFuzzIT: %d requests over %d operations (seed %d), %d failures%n",
                sent, operations.size(), seed, failures.size());
        assertThat(failures.values())
                .as("malformed requests answered badly (seed " + seed + ")")
                .isEmpty();
    }

    /** Null when the answer is acceptable; else what is wrong with it. */
    private static String judge(RawHttp.Answer answer) {
        if (answer.status() >= 500) {
            return answer.status() + " " + abbreviate(answer.body());
        }
        String type = answer.header("Content-Type");
        if (answer.status() >= 400 && (type == null || !type.startsWith("application/problem+json"))) {
            return answer.status() + " without problem+json (" + type + ") " + abbreviate(answer.body());
        }
        return null;
    }

    private static List<Case> cases(OpenApiDocs.Operation operation, Random random) {
        List<Case> cases = new ArrayList<>();
        String validPath =
                fill(operation.path(), p -> java.util.UUID.randomUUID().toString());
        // each path parameter malformed in turn
        if (PARAMETER.matcher(operation.path()).find()) {
            for (String bad : BAD_IDS) {
                cases.add(new Case(operation.method(), fill(operation.path(), p -> bad), null, null));
            }
        }
        // each query parameter malformed in turn, with two picked values, and a malformed escape
        for (String name : operation.query().keySet()) {
            for (int i = 0; i < 2; i++) {
                String bad = BAD_QUERY_VALUES.get(random.nextInt(BAD_QUERY_VALUES.size()));
                cases.add(new Case(operation.method(), validPath + "?" + name + "=" + bad, null, null));
            }
            cases.add(new Case(operation.method(), validPath + "?" + name + "=%ZZ", null, null));
        }
        if (operation.bodyType() != null) {
            for (byte[] body : bodies(operation, random)) {
                cases.add(new Case(operation.method(), validPath, contentType(operation), body));
            }
        } else if (operation.query().isEmpty() && cases.isEmpty()) {
            cases.add(new Case(operation.method(), validPath, null, null));
        }
        return cases;
    }

    private static String contentType(OpenApiDocs.Operation operation) {
        return operation.bodyType().contains("json") ? "application/json" : operation.bodyType();
    }

    /** Malformed bodies: not JSON, wrong shapes, deep nesting, invalid UTF-8, each declared field wrong. */
    private static List<byte[]> bodies(OpenApiDocs.Operation operation, Random random) {
        List<String> texts = new ArrayList<>(List.of(
                "",
                "null",
                "[]",
                "{}",
                "\"text\"",
                "12",
                "{\"a\":",
                "[".repeat(3000) + "]".repeat(3000),
                "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
                "{\"unknown\":" + "\"" + "y".repeat(200_000) + "\"}"));
        JsonNode properties = operation.body() == null ? null : operation.body().path("properties");
        if (properties != null && properties.isObject()) {
            Iterator<String> names = properties.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String type = properties.path(name).path("type").asText("object");
                texts.add("{\"" + name + "\":null}");
                texts.add("{\"" + name + "\":" + wrongValue(type, random) + "}");
                texts.add("{\"" + name + "\":\"" + "z".repeat(100_000) + "\"}");
            }
        }
        List<byte[]> bodies = new ArrayList<>();
        for (String text : texts) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        // invalid UTF-8 inside a string
        bodies.add(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
        return bodies;
    }

    /** A value of another JSON type than {@code type}. */
    private static String wrongValue(String type, Random random) {
        List<String> candidates = switch (type) {
            case "string" -> List.of("12", "true", "[1]", "{\"x\":1}");
            case "integer", "number" -> List.of("\"twelve\"", "1.5e400", "-99999999999999999999999", "[1]", "true");
            case "boolean" -> List.of("\"yes\"", "2", "{}");
            case "array" -> List.of("\"a\"", "{}", "[null,null]", "[[[[[]]]]]");
            default -> List.of("\"a\"", "[]", "7", "false");
        };
        return candidates.get(random.nextInt(candidates.size()));
    }

    private static String fill(String template, java.util.function.Function<String, String> value) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 160) + "…";
    }
}
