package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.Partners;
import dev.cairn.it.support.Tenants;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Partners create and manage customer tenants with their own API credentials, and see only theirs. */
class PartnersIT {
    private static String partnerToken(String name) {
        return Partners.token(name);
    }

    private static JsonNode createCustomer(String partnerToken, String organisation) {
        return Partners.createCustomer(partnerToken, organisation);
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
                .body("items.id", contains(id));
        Api.as(partner).when().get("/api/v1/partner/tenants/" + id).then().statusCode(200);
    }

    @Test
    void anOperatorAddsAPartnerWithItsAdministratorWhoseEmailCannotBeTakenTwice() {
        String email = "partner-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@reseller.test";
        JsonNode partner = Api.json(Api.as(Operators.token())
                .body(Map.of("name", "Reseller With People", "adminEmail", email.toUpperCase(java.util.Locale.ROOT)))
                .when()
                .post("/api/v1/partners")
                .then()
                .statusCode(201)
                .extract()
                .response());
        assertThat(partner.path("adminEmail").asText()).isEqualTo(email);
        assertThat(partner.path("adminOneTimePassword").asText()).isNotBlank();
        assertThat(partner.path("clientSecret").asText()).isNotBlank();

        // the same person cannot administer a second partner (nor become a tenant's user): 409, nothing made
        Api.as(Operators.token())
                .body(Map.of("name", "Second Reseller", "adminEmail", email))
                .when()
                .post("/api/v1/partners")
                .then()
                .statusCode(409)
                .contentType(Api.PROBLEM);
        Api.as(Operators.token())
                .body(Map.of("name", "Bad Email Reseller", "adminEmail", "not-an-email"))
                .when()
                .post("/api/v1/partners")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("adminEmail")));
        // without an administrator, as before: API credentials only
        JsonNode apiOnly = Api.json(Api.as(Operators.token())
                .body(Map.of("name", "API Only Reseller"))
                .when()
                .post("/api/v1/partners")
                .then()
                .statusCode(201)
                .extract()
                .response());
        assertThat(apiOnly.path("adminOneTimePassword").asText("")).isEmpty();
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
                .body("items.id", not(hasItem(ofFirst)))
                .body("items", hasSize(1));
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

    @Test
    void aPartnerSetsItsCustomersQuotaWithinTheirPlanAndNobodyElsesQuota() {
        String partner = partnerToken("Reseller Five");
        String other = partnerToken("Reseller Six");
        String customer = createCustomer(partner, "Customer Delta")
                .path("tenant")
                .path("id")
                .asText();

        Api.as(partner)
                .body(Map.of("quotaBytes", 500_000_000_000L))
                .when()
                .put("/api/v1/partner/tenants/" + customer + "/quota")
                .then()
                .statusCode(200)
                .body("plan", org.hamcrest.Matchers.equalTo("FREE"))
                .body("limitBytes", org.hamcrest.Matchers.equalTo(500_000_000_000L));
        Api.as(partner)
                .when()
                .get("/api/v1/partner/tenants/" + customer)
                .then()
                .body("quotaBytes", org.hamcrest.Matchers.equalTo(500_000_000_000L));
        // more than the free tier's 10^12 bytes is refused, naming the field
        Api.as(partner)
                .body(Map.of("quotaBytes", 1_000_000_000_001L))
                .when()
                .put("/api/v1/partner/tenants/" + customer + "/quota")
                .then()
                .statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("quotaBytes"));
        Api.as(other)
                .body(Map.of("quotaBytes", 1L))
                .when()
                .put("/api/v1/partner/tenants/" + customer + "/quota")
                .then()
                .statusCode(404);
    }
}
