package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Http;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.servers.KeycloakServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Partners create and manage customer tenants with their own API credentials, and see only theirs. */
class PartnersIT {
    private static String operatorToken;

    private static String api(String path) {
        return TestPlatform.get().entryPoint() + path;
    }

    @BeforeAll
    static void anOperator() {
        KeycloakServer keycloak = TestPlatform.get().keycloak();
        String name = "operator-" + UUID.randomUUID() + "@cairn.test";
        keycloak.ensureUser("cairn", name, "operator-password-1", List.of("platform-admin"), Map.of());
        operatorToken = keycloak.token("cairn", "cairn-cli", null, name, "operator-password-1");
    }

    /** A new partner's access token (client credentials with the credentials it was given). */
    private static String partnerToken(String name) {
        HttpResponse<String> created = Http.json("POST", api("/api/v1/partners"), operatorToken, Map.of("name", name));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode partner = Http.json(created);
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
        HttpResponse<String> created = Http.json(
                "POST",
                api("/api/v1/partner/tenants"),
                partnerToken,
                Map.of(
                        "organisation",
                        organisation,
                        "adminEmail",
                        "admin-" + UUID.randomUUID() + "@customer.test",
                        "homeRegion",
                        "eu-west-1",
                        "drRegion",
                        "us-east-1"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Http.json(created);
    }

    @Test
    void aPartnerCreatesAndListsItsCustomerTenants() {
        String partner = partnerToken("Reseller One");

        JsonNode customer = createCustomer(partner, "Customer Alpha");

        assertThat(customer.path("tenant").path("plan").asText()).isEqualTo("FREE");
        assertThat(customer.path("adminOneTimePassword").asText()).isNotBlank();
        String id = customer.path("tenant").path("id").asText();
        assertThat(Http.json(Http.get(api("/api/v1/partner/tenants"), partner)).findValuesAsText("id"))
                .containsExactly(id);
        assertThat(Http.get(api("/api/v1/partner/tenants/" + id), partner).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPartnerSeesOnlyItsOwnCustomers() {
        String first = partnerToken("Reseller Two");
        String second = partnerToken("Reseller Three");
        String ofFirst =
                createCustomer(first, "Customer Beta").path("tenant").path("id").asText();
        createCustomer(second, "Customer Gamma");

        assertThat(Http.json(Http.get(api("/api/v1/partner/tenants"), second)).findValuesAsText("id"))
                .doesNotContain(ofFirst)
                .hasSize(1);
        HttpResponse<String> foreign = Http.get(api("/api/v1/partner/tenants/" + ofFirst), second);
        HttpResponse<String> nowhere = Http.get(api("/api/v1/partner/tenants/" + UUID.randomUUID()), second);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(nowhere.statusCode()).isEqualTo(404);
    }

    @Test
    void onlyOperatorsCreatePartnersAndOnlyPartnersManageCustomers() {
        Tenants.SignedUp tenant = Tenants.free("Not A Partner");
        assertThat(Http.json("POST", api("/api/v1/partners"), tenant.token(), Map.of("name", "Sneaky"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(Http.get(api("/api/v1/partner/tenants"), tenant.token()).statusCode())
                .isEqualTo(403);
        String partner = partnerToken("Reseller Four");
        assertThat(Http.get(api("/api/v1/tenant"), partner).statusCode()).isEqualTo(403);
        assertThat(Http.get(api("/api/v1/clusters"), partner).statusCode()).isEqualTo(403);
    }
}
