package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Partners create and manage customer tenants with their own API credentials, and see only theirs. */
class PartnersIT {
    private static String operatorToken;

    @BeforeAll
    static void anOperator() {
        operatorToken = Operators.token();
    }

    /** A new partner's access token (client credentials with the credentials it was given). */
    private static String partnerToken(String name) {
        JsonNode partner = Api.as(operatorToken)
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

    private static JsonNode createCustomer(String partnerToken, String organisation) {
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

    @Test
    void aPartnerCreatesAndListsItsCustomerTenants() {
        String partner = partnerToken("Reseller One");

        JsonNode customer = createCustomer(partner, "Customer Alpha");

        assertThat(customer.path("tenant").path("plan").asText()).isEqualTo("FREE");
        assertThat(customer.path("adminOneTimePassword").asText()).isNotBlank();
        String id = customer.path("tenant").path("id").asText();
        Api.as(partner)
                .when()
                .get("/api/v1/partner/tenants")
                .then()
                .statusCode(200)
                .body("id", contains(id));
        Api.as(partner).when().get("/api/v1/partner/tenants/" + id).then().statusCode(200);
    }

    @Test
    void aPartnerSeesOnlyItsOwnCustomers() {
        String first = partnerToken("Reseller Two");
        String second = partnerToken("Reseller Three");
        String ofFirst =
                createCustomer(first, "Customer Beta").path("tenant").path("id").asText();
        createCustomer(second, "Customer Gamma");

        Api.as(second)
                .when()
                .get("/api/v1/partner/tenants")
                .then()
                .statusCode(200)
                .body("id", not(hasItem(ofFirst)))
                .body("$", hasSize(1));
        Api.as(second).when().get("/api/v1/partner/tenants/" + ofFirst).then().statusCode(404);
        Api.as(second)
                .when()
                .get("/api/v1/partner/tenants/" + UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    @Test
    void onlyOperatorsCreatePartnersAndOnlyPartnersManageCustomers() {
        Tenants.SignedUp tenant = Tenants.free("Not A Partner");
        Api.as(tenant.token())
                .body(Map.of("name", "Sneaky"))
                .when()
                .post("/api/v1/partners")
                .then()
                .statusCode(403);
        Api.as(tenant.token()).when().get("/api/v1/partner/tenants").then().statusCode(403);
        String partner = partnerToken("Reseller Four");
        Api.as(partner).when().get("/api/v1/tenant").then().statusCode(403);
        Api.as(partner).when().get("/api/v1/clusters").then().statusCode(403);
    }
}
