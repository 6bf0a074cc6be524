package dev.cairn.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/** Test fixtures: partners made by the operator, and their customer tenants. */
public final class Partners {
    private Partners() {}

    /** A new partner's access token (client credentials with the credentials it was given). */
    public static String token(String name) {
        JsonNode partner = Api.as(Operators.token())
                .body(Map.of("name", name))
                .when()
                .post("/api/v1/partners")
                .then()
                .statusCode(201)
                .extract()
                .as(JsonNode.class);
        return TestPlatform.get()
                .keycloak()
                .token(
                        "cairn",
                        partner.path("clientId").asText(),
                        partner.path("clientSecret").asText(),
                        null,
                        null);
    }

    /** A customer tenant the partner creates; the answer (tenant, admin's one-time password). */
    public static JsonNode createCustomer(String partnerToken, String organisation) {
        return Api.as(partnerToken)
                .body(Map.of(
                        "organisation",
                        organisation,
                        "adminEmail",
                        "admin-" + UUID.randomUUID() + "@customer.test",
                        "homeRegion",
                        "eu-west-1",
                        "drRegion",
                        "us-east-1"))
                .when()
                .post("/api/v1/partner/tenants")
                .then()
                .statusCode(201)
                .extract()
                .as(JsonNode.class);
    }
}
