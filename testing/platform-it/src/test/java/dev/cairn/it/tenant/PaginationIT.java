package dev.cairn.it.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.Partners;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import io.restassured.response.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every list of the tenant and partner APIs comes a page at a time: {@code items}, a {@code nextCursor} while more
 * follow, and a {@code Link: <…>; rel="next"} that names the next page whole; following it visits each item once, in
 * the list's order, and a cursor the list did not make is a 400 problem.
 */
class PaginationIT {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    @Test
    void theTenantsListsComeAPageAtATimeAndEachItemOnce() {
        Tenants.SignedUp tenant = Tenants.free("Pages Co");
        String token = tenant.token();
        // five clusters (one with an agent), five users (the administrator and four invited), five commands and five
        // backups of that agent
        List<String> clusters = new ArrayList<>();
        Agents.Registered agent = Agents.registered(tenant, "paged-0");
        String clusterId = agent.credentials().path("clusterId").asText();
        clusters.add(clusterId);
        for (int i = 1; i < 5; i++) {
            clusters.add(Agents.createCluster(tenant, "paged-" + i)
                    .path("cluster")
                    .path("id")
                    .asText());
        }
        for (int i = 0; i < 4; i++) {
            Api.as(token)
                    .body(Map.of(
                            "email", "paged-" + i + "-" + UUID.randomUUID() + "@pages.test", "role", "tenant-viewer"))
                    .when()
                    .post("/api/v1/tenant/users")
                    .then()
                    .statusCode(201);
        }
        List<String> commands = new ArrayList<>();
        List<String> backups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            commands.add(0, Agents.command(tenant, clusterId, "{\"kind\":\"BACKUP\",\"backup\":{}}"));
            backups.add(0, Agents.startBackup(agent.accessToken(), "local:/srv/" + i));
        }

        // then each list, two at a time, gives each item once in its order: clusters oldest first, commands and
        // backups newest first, users by email
        assertThat(follow(token, "/api/v1/clusters?limit=2", 3)).containsExactlyElementsOf(clusters);
        assertThat(follow(token, "/api/v1/clusters/" + clusterId + "/commands?limit=2", 3))
                .containsExactlyElementsOf(commands);
        assertThat(follow(token, "/api/v1/backups?limit=2&clusterId=" + clusterId, 3))
                .containsExactlyElementsOf(backups);
        List<String> users = follow(token, "/api/v1/tenant/users?limit=2", 3);
        assertThat(users).hasSize(5).doesNotHaveDuplicates();

        // and a cursor the list did not make is refused clearly
        for (String path : List.of(
                "/api/v1/clusters",
                "/api/v1/clusters/" + clusterId + "/commands",
                "/api/v1/backups",
                "/api/v1/tenant/users")) {
            Api.as(token)
                    .queryParam("cursor", "not-a-cursor")
                    .when()
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType(Api.PROBLEM)
                    .body("errors[0].field", equalTo("cursor"));
        }
    }

    @Test
    void aPartnersCustomersComeAPageAtATime() {
        String partner = Partners.token("Paging Partner " + UUID.randomUUID());
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            customers.add(Partners.createCustomer(partner, "Paged Customer " + i)
                    .path("tenant")
                    .path("id")
                    .asText());
        }
        assertThat(follow(partner, "/api/v1/partner/tenants?limit=2", 2)).containsExactlyElementsOf(customers);
        Api.as(partner)
                .queryParam("limit", 0)
                .when()
                .get("/api/v1/partner/tenants")
                .then()
                .statusCode(400)
                .contentType(Api.PROBLEM);
    }

    /**
     * The ids of every item of a list, following its next links from {@code first}; asserts that it took
     * {@code pages} pages, that each page but the last names the next in {@code nextCursor} and in a {@code Link}
     * header on the platform's own address, and that the last names none.
     */
    private static List<String> follow(String token, String first, int pages) {
        List<String> ids = new ArrayList<>();
        String path = first;
        int taken = 0;
        while (path != null) {
            Response page = Api.as(token).when().get(path);
            page.then().statusCode(200);
            JsonNode body = Api.json(page);
            body.path("items").forEach(item -> ids.add(item.path("id").asText()));
            taken++;
            String link = page.header("Link");
            if (body.path("nextCursor").isTextual()) {
                assertThat(link).as("Link of page %d of %s", taken, first).isNotNull();
                Matcher next = NEXT.matcher(link);
                assertThat(next.find()).as(link).isTrue();
                URI uri = URI.create(next.group(1));
                assertThat(uri.getScheme() + "://" + uri.getAuthority())
                        .isEqualTo(TestPlatform.get().entryPoint());
                assertThat(uri.getRawQuery()).contains("cursor=").contains("limit=2");
                path = uri.getRawPath() + "?" + uri.getRawQuery();
            } else {
                assertThat(link).as("Link of the last page of %s", first).isNull();
                path = null;
            }
        }
        assertThat(taken).as("pages of " + first).isEqualTo(pages);
        return ids;
    }
}
