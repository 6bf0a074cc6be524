package dev.cairn.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Metering;
import dev.cairn.it.support.OpenApiDocs;
import dev.cairn.it.support.Policies;
import dev.cairn.it.support.Tenants;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Tenant isolation over HTTP, for every operation of every service's OpenAPI document: a new endpoint is covered
 * without editing this class (it fails until the suite knows how to call it).
 *
 * <ul>
 *   <li>without a token, every operation but the public ones answers 401;
 *   <li>with tenant B's administrator token, every operation that names an id of tenant A answers 403 or 404 and
 *       changes nothing of A's;
 *   <li>with B's token, operations without ids act on B only: their answers never mention A.
 * </ul>
 */
class TenantIsolationIT {
    /** Operations anyone may call. Everything else needs a token. */
    static final Set<String> PUBLIC = Set.of(
            "GET /api/v1/regions",
            "GET /api/v1/auth/config",
            "POST /api/v1/signup",
            "POST /api/v1/signup/confirmations",
            "POST /api/v1/agent/register",
            "GET /api/v1/recoveries/signing-key");

    /** Valid bodies, so that validation cannot answer before the ownership check does. */
    static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/v1/clusters", "{\"name\":\"isolation-probe\"}"),
            Map.entry("PATCH /api/v1/tenant", "{\"name\":\"Hijacked By B\"}"),
            Map.entry(
                    "POST /api/v1/signup",
                    "{\"organisation\":\"Probe\",\"email\":\"probe@example.test\",\"password\":\"probe-password-1\","
                            + "\"homeRegion\":\"eu-west-1\"}"),
            Map.entry("POST /api/v1/signup/confirmations", "{\"token\":\"an-unknown-signup-token-0000\"}"),
            Map.entry(
                    "POST /api/v1/agent/register",
                    "{\"token\":\"cairn_reg_x\",\"publicKey\":\"eA==\",\"agentVersion\":\"1\"}"),
            Map.entry("POST /api/v1/agent/heartbeat", "{\"agentVersion\":\"9.9.9\"}"),
            Map.entry(
                    "POST /api/v1/tenant/users", "{\"email\":\"probe-user@example.test\",\"role\":\"tenant-viewer\"}"),
            Map.entry("PUT /api/v1/tenant/users/{userId}/role", "{\"role\":\"tenant-viewer\"}"),
            Map.entry("POST /api/v1/chunks/missing", "{\"ids\":[]}"),
            Map.entry("POST /api/v1/backups", "{\"source\":\"local:/probe\"}"),
            Map.entry("POST /api/v1/backups/{backupId}/abort", "{\"reason\":\"probe\"}"),
            Map.entry("POST /api/v1/backups/{backupId}/locations", "{\"ids\":[]}"),
            Map.entry("POST /api/v1/partners", "{\"name\":\"Probe partner\"}"),
            Map.entry(
                    "POST /api/v1/admin/plans",
                    "{\"code\":\"PROBE\",\"name\":\"Probe\",\"storedBytesLimit\":1,\"currency\":\"EUR\","
                            + "\"pricePerTbMonth\":1,\"pricePerClusterMonth\":1}"),
            Map.entry("PUT /api/v1/admin/tenants/{tenantId}/plan", "{\"plan\":\"FREE\"}"),
            Map.entry("PUT /api/v1/partner/tenants/{tenantId}/quota", "{\"quotaBytes\":1}"),
            Map.entry(
                    "POST /api/v1/clusters/{clusterId}/commands",
                    "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"probe\"]}}"),
            Map.entry(
                    "POST /api/v1/agent/commands/{commandId}/status",
                    "{\"phase\":\"Running\",\"progress\":{\"bytes\":1}}"),
            Map.entry("POST /api/v1/policies", Policies.probeBody()),
            Map.entry("PUT /api/v1/policies/{policyId}", Policies.probeBody()),
            Map.entry(
                    "POST /api/v1/partner/tenants",
                    "{\"organisation\":\"Probe customer\",\"adminEmail\":\"probe-customer@example.test\","
                            + "\"homeRegion\":\"eu-west-1\"}"));

    /** Operations whose body is not JSON: their content type. */
    static final Map<String, String> CONTENT_TYPES = Map.of(
            "PUT /api/v1/backups/{backupId}/manifest", "application/octet-stream",
            "PUT /api/v1/agent/commands/{commandId}/file", "application/octet-stream");

    /** Operations that act on the caller's own tenant and would end it: run with a throw-away tenant B. */
    static final Set<String> DESTRUCTIVE_WITHOUT_ID = Set.of("DELETE /api/v1/tenant");

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private static Tenants.SignedUp tenantA;
    private static Tenants.SignedUp tenantB;
    private static Map<String, String> idsOfA;
    private static String agentTokenOfB;
    private static String clusterOfB;
    private static String nameOfA;

    @BeforeAll
    static void twoTenants() {
        tenantA = Tenants.free("Isolation Alpha");
        tenantB = Tenants.free("Isolation Bravo");
        Agents.Registered agentOfA = Agents.registered(tenantA, "alpha-prod");
        Agents.Registered agentOfB = Agents.registered(tenantB, "bravo-prod");
        agentTokenOfB = agentOfB.accessToken();
        clusterOfB = agentOfB.credentials().path("clusterId").asText();
        String backupOfA = backupOf(agentOfA);
        String commandOfA = Agents.command(
                tenantA,
                agentOfA.credentials().path("clusterId").asText(),
                "{\"kind\":\"BACKUP\",\"backup\":{\"includeNamespaces\":[\"alpha\"]}}");

        nameOfA = "Isolation Alpha";
        String adminOfA = Api.as(tenantA.token())
                .when()
                .get("/api/v1/me")
                .then()
                .extract()
                .path("subject");
        String policyOfA = Policies.create(
                        tenantA, agentOfA.credentials().path("clusterId").asText(), "alpha-nightly")
                .path("id")
                .asText();
        // a run of A's policy (the scheduler's runs and the operators' statement runs share {runId})
        String runOfA = Api.as(tenantA.token())
                .when()
                .post("/api/v1/policies/" + policyOfA + "/run")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        // a recovery of A's backup into A's cluster (its agent never polls: it stays Restoring)
        String recoveryOfA = Api.as(tenantA.token())
                .contentType("application/json")
                .body("{\"backupId\":\"" + backupOfA + "\",\"targetClusterId\":\""
                        + agentOfA.credentials().path("clusterId").asText() + "\"}")
                .when()
                .post("/api/v1/recoveries")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        // A's monthly statement, once metering has counted A's backup and drawn up the month
        Metering.awaitCaughtUp(tenantA.id());
        Metering.runStatements();
        String statementOfA = Api.json(Api.as(tenantA.token()).when().get("/api/v1/usage/statements"))
                .path("items")
                .get(0)
                .path("id")
                .asText();
        idsOfA = Map.ofEntries(
                Map.entry("recoveryId", recoveryOfA),
                Map.entry("partnerId", java.util.UUID.randomUUID().toString()),
                Map.entry("statementId", statementOfA),
                Map.entry("webhookId", java.util.UUID.randomUUID().toString()),
                Map.entry("runId", runOfA),
                Map.entry("policyId", policyOfA),
                Map.entry("clusterId", agentOfA.credentials().path("clusterId").asText()),
                Map.entry("tenantId", tenantA.id().toString()),
                Map.entry("userId", adminOfA),
                Map.entry("backupId", backupOfA),
                Map.entry("commandId", commandOfA));
    }

    /** A completed backup of a small directory by {@code agent}. */
    private static String backupOf(Agents.Registered agent) {
        try {
            Path dir = Files.createTempDirectory("isolation");
            Files.writeString(Files.createDirectories(dir.resolve("src")).resolve("a.txt"), "tenant A's file");
            LocalAgent.Run run = new LocalAgent(agent, dir.resolve("agent")).backup(dir.resolve("src"));
            assertThat(run.json().path("phase").asText()).as(run.err()).isEqualTo("Completed");
            return run.json().path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation of every service: (service, method, path). */
    static List<String[]> operations() {
        return OpenApiDocs.operations().stream()
                .map(o -> new String[] {o.service(), o.method(), o.path()})
                .toList();
    }

    @Test
    void theSuiteSeesTheOperations() {
        assertThat(operations().stream().map(o -> o[1] + " " + o[2]))
                .contains(
                        "GET /api/v1/clusters/{clusterId}",
                        "DELETE /api/v1/clusters/{clusterId}",
                        "GET /api/v1/tenant");
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenEveryNonPublicOperationAnswers401() {
        return operations().stream()
                .filter(o -> !PUBLIC.contains(o[1] + " " + o[2]))
                .map(o -> dynamicTest(o[1] + " " + o[2], () -> {
                    call(o, idsOfA, null).then().statusCode(401);
                }));
    }

    @TestFactory
    Stream<DynamicTest> anotherTenantsTokenCannotReachAnythingOfTenantA() {
        return operations().stream()
                .filter(o -> !PUBLIC.contains(o[1] + " " + o[2]))
                .flatMap(o -> Stream.of(
                        dynamicTest("B's admin: " + o[1] + " " + o[2], () -> probe(o, false)),
                        dynamicTest("B's agent: " + o[1] + " " + o[2], () -> probe(o, true))));
    }

    /** Calls one of A's operations as tenant B (its admin, or its agent) and checks that nothing of A shows. */
    private static void probe(String[] o, boolean asAgent) {
        String key = o[1] + " " + o[2];
        boolean namesAnId = PARAMETER.matcher(o[2]).find();
        String token;
        if (asAgent) {
            token = agentTokenOfB;
        } else {
            token = (DESTRUCTIVE_WITHOUT_ID.contains(key) ? Tenants.free("Throwaway") : tenantB).token();
        }
        Response response = call(o, idsOfA, token);
        if (namesAnId) {
            assertThat(response.statusCode())
                    .as(key + ": " + response.asString())
                    .isIn(403, 404);
            // indistinguishable from an id that exists nowhere: nothing tells B that A's id is real
            Map<String, String> unknown = new java.util.HashMap<>();
            idsOfA.keySet()
                    .forEach(k -> unknown.put(k, java.util.UUID.randomUUID().toString()));
            Response nowhere = call(o, unknown, token);
            assertThat(response.statusCode()).as(key).isEqualTo(nowhere.statusCode());
            assertThat(withoutIds(response.asString(), idsOfA))
                    .as(key)
                    .isEqualTo(withoutIds(nowhere.asString(), unknown));
        } else {
            for (String id : idsOfA.values()) {
                assertThat(response.asString()).as(key + " leaks an id of A").doesNotContain(id);
            }
        }
        assertThat(response.asString()).as(key + " leaks A's name").doesNotContain(nameOfA);
        assertTenantAIsIntact();
    }

    private static String withoutIds(String body, Map<String, String> ids) {
        String result = body;
        for (String id : ids.values()) {
            result = result.replace(id, "<id>");
        }
        return result;
    }

    private static void assertTenantAIsIntact() {
        String token = tenantA.token();
        Api.as(token)
                .when()
                .get("/api/v1/tenant")
                .then()
                .statusCode(200)
                .body("name", equalTo(nameOfA))
                .body("phase", equalTo("Active"));
        Api.as(token)
                .when()
                .get("/api/v1/clusters/" + idsOfA.get("clusterId"))
                .then()
                .statusCode(200)
                .body("phase", equalTo("Connected"));
        Api.as(token)
                .when()
                .get("/api/v1/tenant/users")
                .then()
                .statusCode(200)
                .body("items.role", contains("tenant-admin"));
        Api.as(token)
                .when()
                .get("/api/v1/backups/" + idsOfA.get("backupId"))
                .then()
                .statusCode(200)
                .body("phase", equalTo("Completed"));
        Api.as(token)
                .when()
                .get("/api/v1/clusters/" + idsOfA.get("clusterId") + "/commands/" + idsOfA.get("commandId"))
                .then()
                .statusCode(200)
                .body("phase", equalTo("Queued"))
                .body("cancelRequested", equalTo(false));
        Api.as(token)
                .when()
                .get("/api/v1/policies/" + idsOfA.get("policyId"))
                .then()
                .statusCode(200)
                .body("name", equalTo("alpha-nightly"))
                .body("phase", equalTo("Active"))
                .body("schedule.cron", equalTo("0 2 * * *"));
    }

    @Test
    void tenantBCannotRecoverTenantAsBackupClusterOrPolicy() {
        for (String selector : List.of("backupId", "latestOfCluster", "latestOfPolicy")) {
            String idOfA = idsOfA.get(
                    selector.equals("backupId")
                            ? "backupId"
                            : selector.equals("latestOfCluster") ? "clusterId" : "policyId");
            String unknown = java.util.UUID.randomUUID().toString();
            Response ofA = recoveryAsB(selector, idOfA, clusterOfB);
            Response nowhere = recoveryAsB(selector, unknown, clusterOfB);
            assertThat(ofA.statusCode()).as(selector + ": " + ofA.asString()).isEqualTo(400);
            assertThat(ofA.asString().replace(idOfA, "<id>"))
                    .as(selector)
                    .isEqualTo(nowhere.asString().replace(unknown, "<id>"));
        }
        // and A's cluster is no target of B's
        Response into = Api.as(tenantB.token())
                .contentType("application/json")
                .body("{\"latestOfCluster\":\"" + clusterOfB + "\",\"targetClusterId\":\"" + idsOfA.get("clusterId")
                        + "\"}")
                .when()
                .post("/api/v1/recoveries");
        assertThat(into.statusCode()).as(into.asString()).isEqualTo(400);
        assertThat(into.<String>path("errors[0].field")).isEqualTo("targetClusterId");
    }

    private static Response recoveryAsB(String selector, String id, String targetCluster) {
        return Api.as(tenantB.token())
                .contentType("application/json")
                .body("{\"" + selector + "\":\"" + id + "\",\"targetClusterId\":\"" + targetCluster + "\"}")
                .when()
                .post("/api/v1/recoveries");
    }

    @Test
    void tenantBsAgentCannotConsumeTenantAsCommands() {
        // B's agent polls (and waits): nothing of A's comes, and A's command stays queued
        Api.as(agentTokenOfB)
                .queryParam("wait", 2)
                .when()
                .get("/api/v1/agent/commands")
                .then()
                .statusCode(200)
                .body("commands", empty())
                .body(not(containsString(idsOfA.get("commandId"))));
        // nor can it report on A's command as if it had it
        Api.as(agentTokenOfB)
                .body("{\"phase\":\"Completed\"}")
                .when()
                .post("/api/v1/agent/commands/" + idsOfA.get("commandId") + "/status")
                .then()
                .statusCode(404)
                .contentType(Api.PROBLEM);
        assertTenantAIsIntact();
        // A sees it, still queued (A's agent does not poll here: the suite's other probes rely on it staying queued)
        Api.as(tenantA.token())
                .when()
                .get("/api/v1/clusters/" + idsOfA.get("clusterId") + "/commands")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(idsOfA.get("commandId")));
    }

    /** Calls the operation on its service directly, its path parameters filled with tenant A's ids. */
    private static Response call(String[] operation, Map<String, String> ids, String token) {
        String key = operation[1] + " " + operation[2];
        Matcher parameters = PARAMETER.matcher(operation[2]);
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            String id = ids.get(parameters.group(1));
            assertThat(id)
                    .as("the isolation suite has no id of tenant A for {" + parameters.group(1) + "} in " + key
                            + ": add one to its fixtures")
                    .isNotNull();
            parameters.appendReplacement(path, id);
        }
        parameters.appendTail(path);
        // the internal API is served on the management interface only (ADR 0029)
        RequestSpecification request =
                operation[2].startsWith("/internal/") ? Api.management(operation[0]) : Api.service(operation[0]);
        if (token != null) {
            request.auth().oauth2(token);
        }
        String type = CONTENT_TYPES.get(key);
        if (type != null) {
            request.contentType(type).body("probe".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (BODIES.containsKey(key)) {
            request.body(BODIES.get(key));
        }
        return request.when().request(operation[1], path.toString());
    }
}
