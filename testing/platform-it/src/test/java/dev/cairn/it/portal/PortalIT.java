package dev.cairn.it.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.it.support.Api;
import dev.cairn.it.support.Browser;
import dev.cairn.it.support.Metering;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.RunningAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.it.support.WaitsMostly;
import dev.cairn.testing.kubernetes.MockCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A person's first visit, in a real browser: sign up, sign in with the Keycloak realm, add a cluster, install the
 * agent with the helm one-liner the page shows, and watch the page turn to Connected by itself. Screenshots of each
 * step are kept (docs/portal.md); axe-core checks each main page.
 */
@WaitsMostly
class PortalIT {
    private static final Pattern TOKEN = Pattern.compile("--set registration\\.token=(\\S+)");

    private static Browser browser;
    private static MockCluster cluster;
    private static RunningAgent agent;

    @BeforeAll
    static void open() {
        browser = Browser.open();
    }

    @AfterAll
    static void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        browser.close();
    }

    @Test
    void aNewUserSignsUpSignsInAddsAClusterAndWatchesItsAgentConnect() throws Exception {
        String email = "portal-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";

        // the landing page
        browser.go("/").awaitText("Sign up", 30).screenshot("01-landing").assertAccessible();

        // signup: organisation, email, password, regions; the free plan
        browser.find(By.linkText("Sign up")).click();
        browser.awaitText("free plan", 30)
                .type("organisation", "Portal Works")
                .type("email", email)
                .type("password", "portal-password-1");
        new Select(browser.find(By.id("homeRegion"))).selectByValue("eu-west-1");
        new Select(browser.find(By.id("drRegion"))).selectByValue("us-east-1");
        browser.screenshot("02-signup").assertAccessible();
        browser.find(By.cssSelector("form button[type=submit]")).click();

        // the address is confirmed by the link mailed to it: opening it changes nothing, its button makes the tenant
        browser.awaitText("Check your inbox", 30).screenshot("02a-signup-sent").assertAccessible();
        assertThat(browser.text()).contains(email);
        browser.go("/signup/confirm?token=" + TestPlatform.get().signupToken(email))
                .awaitText("Confirm your signup", 30)
                .screenshot("02b-confirm")
                .assertAccessible();
        browser.find(By.cssSelector("form button[type=submit]")).click();

        // sign-in: Keycloak's page
        browser.awaitText("Sign in", 30).type("username", email);
        browser.type("password", "portal-password-1").screenshot("03-sign-in");
        browser.find(By.id("kc-login")).click();

        // the dashboard of the new tenant: nothing yet, the usage of the free plan
        browser.awaitText("Portal Works", 30);
        assertThat(browser.path()).isEqualTo("/app");
        assertThat(browser.text())
                .contains("No cluster yet")
                .contains("of 1.00 TB")
                .contains(email)
                .doesNotContain("could not be read");
        browser.screenshot("04-dashboard-empty").assertAccessible();

        // the session survives a reload
        browser.driver().navigate().refresh();
        browser.awaitText("Portal Works", 30);
        assertThat(browser.path()).isEqualTo("/app");

        // add a cluster: the helm one-liner with its one-time token, and a page waiting for the agent
        browser.find(By.linkText("Add your first cluster")).click();
        browser.awaitText("Cluster name", 30).type("name", "prod-eu").screenshot("05-add-cluster");
        browser.assertAccessible();
        browser.find(By.cssSelector("form button[type=submit]")).click();
        browser.awaitText("helm install cairn-agent", 30).awaitText("Waiting for the agent", 10);
        String command = browser.find(By.id("helm-command")).getText();
        assertThat(command).contains("--set platform.url=");
        browser.screenshot("06-helm-one-liner").assertAccessible();

        // the agent is installed with that token: the page turns to Connected by itself
        Matcher token = TOKEN.matcher(command);
        assertThat(token.find()).as(command).isTrue();
        cluster = MockCluster.realistic();
        agent = RunningAgent.start(cluster, token.group(1), Files.createTempDirectory("portal-agent"));
        browser.awaitText("Connected.", 90).screenshot("07-connected");

        // and the dashboard shows it
        browser.find(By.linkText("See it on the dashboard")).click();
        browser.awaitText("prod-eu", 30);
        assertThat(browser.text())
                .contains("Connected")
                .doesNotContain("No cluster yet")
                .doesNotContain("could not be read");
        browser.screenshot("08-dashboard");

        // a policy: the cron helper shows the next fires in the chosen time zone as one types
        browser.find(By.linkText("Policies")).click();
        browser.awaitText("Backup policies", 30).find(By.linkText("New policy")).click();
        browser.awaitText("New backup policy", 30)
                .type("name", "shop-nightly")
                .type("namespaces", "shop")
                .uncheck("volumes")
                .type("cron", "30 1 * * *")
                .type("timeZone", "Europe/Paris")
                .awaitText("Next runs (Europe/Paris", 30)
                .awaitText("01:30", 30);
        browser.type("cron", "0 2 * *").awaitText("five fields", 30);
        browser.type("cron", "0 2 * * *").awaitText("02:00", 30);
        browser.screenshot("11-policy-form").assertAccessible();
        // immutable backups need object lock in the home region: the local store has none, and the form says so
        browser.type("immutableFor", "P30D");
        browser.find(By.cssSelector("form.form button[type=submit]")).click();
        browser.awaitText("cannot be made immutable", 30);
        assertThat(browser.text()).contains("501");
        browser.screenshot("11b-policy-immutable-refused").assertAccessible();
        browser.type("immutableFor", "");
        browser.find(By.cssSelector("form.form button[type=submit]")).click();

        // its page: run it now, and watch the run complete
        browser.awaitText("Run now", 30);
        assertThat(browser.text())
                .contains("shop-nightly")
                .contains("0 2 * * *")
                .contains("Europe/Paris");
        browser.find(By.xpath("//button[text()='Run now']")).click();
        browser.awaitText("(run now)", 30).awaitText("Completed", 120);
        browser.screenshot("12-policy-run").assertAccessible();
        browser.find(By.linkText("Dashboard")).click();
        browser.awaitText("Last backups", 30);
        assertThat(browser.text()).contains("Completed");

        // the restore wizard: the backup into a mapped namespace, previewed before anything changes
        browser.find(By.linkText("Restores")).click();
        browser.awaitText("Restores and recoveries", 30)
                .find(By.linkText("New restore"))
                .click();
        browser.awaitText("Restore a backup", 30)
                .type("namespaces", "shop")
                .type("namespaceMapping", "shop=shop-restored")
                .uncheck("volumes")
                .screenshot("15-restore-choose")
                .assertAccessible();
        browser.find(By.cssSelector("form.form button[type=submit]")).click();
        browser.awaitText("What the restore would do", 30).awaitText("to create", 90);
        assertThat(browser.text()).contains("shop-restored").contains("CREATE");
        assertThat(cluster.client().namespaces().withName("shop-restored").get())
                .as("a preview changes nothing")
                .isNull();
        browser.screenshot("16-restore-preview").assertAccessible();
        browser.find(By.xpath("//button[text()='Restore now']")).click();
        browser.awaitText("Transitions", 30).awaitText("Download the signed report", 180);
        assertThat(browser.find(By.cssSelector("#recovery-status .big .phase")).getText())
                .isEqualTo("Completed");
        assertThat(browser.text()).contains("eu-west-1");
        assertThat(cluster.client().namespaces().withName("shop-restored").get())
                .isNotNull();
        browser.screenshot("17-recovery").assertAccessible();

        // the restores list: the recovery with its signed report; no drill among the drill reports
        browser.go("/app/restores?kind=recovery").awaitText("Restores and recoveries", 30);
        assertThat(browser.text()).contains("Completed").contains("report");
        browser.go("/app/restores?kind=drill").awaitText("No restore drill yet", 30);

        // the backups: filtered by cluster and phase, one's details (what it protects, what it stored), deletion
        browser.find(By.linkText("Backups")).click();
        browser.awaitText("Running now", 30).awaitText("All backups", 30);
        new Select(browser.find(By.id("phase"))).selectByValue("Completed");
        browser.find(By.cssSelector("form.filters button")).click();
        browser.awaitText("Completed", 30).screenshot("13-backups").assertAccessible();
        browser.find(By.cssSelector("table a[href^='/app/backups/']")).click();
        browser.awaitText("What it protects, what it stores", 30);
        assertThat(browser.text())
                .contains("Protects")
                .contains("Added to storage")
                .contains("us-east-1");
        browser.screenshot("14-backup").assertAccessible();

        // its files: the agent lists each folder; one file, decrypted by the agent, saved by the browser
        String backupPage = browser.path();
        browser.find(By.linkText("Browse its files")).click();
        browser.awaitText("kubernetes.json", 60);
        for (String folder : List.of("resources/", "deployments.apps/", "namespaces/", "shop/")) {
            browser.find(By.linkText(folder)).click();
            browser.awaitText("Modified", 60);
        }
        browser.awaitText("web.json", 60).screenshot("25-files").assertAccessible();
        browser.find(By.xpath("//tr[td[text()='web.json']]//button")).click();
        browser.awaitElement("save-file", 60).screenshot("26-file-ready").assertAccessible();
        Path saved = browser.download(By.id("save-file"), 30);
        assertThat(saved.getFileName().toString()).isEqualTo("web.json");
        assertThat(Api.JSON
                        .readTree(Files.readAllBytes(saved))
                        .path("metadata")
                        .path("name")
                        .asText())
                .isEqualTo("web");
        browser.go(backupPage).awaitText("What it protects, what it stores", 30);
        browser.find(By.xpath("//summary[text()='Delete this backup']")).click();
        browser.find(By.cssSelector("details.danger button")).click();
        browser.awaitText("deleted; its data is freed", 30);

        // usage and plan: charts by day and by month, with their figures
        browser.find(By.linkText("Usage")).click();
        browser.awaitText("By month", 30);
        assertThat(browser.text()).contains("Price per TB-month").contains("Free");
        assertThat(browser.text()).contains("Statements");
        browser.screenshot("20-usage").assertAccessible();

        // users and roles: a colleague invited as a viewer gets a one-time password, shown once
        browser.find(By.linkText("Users")).click();
        browser.awaitText("Users and roles", 30).type("email", "colleague-" + email);
        browser.find(By.cssSelector("form.form button[type=submit]")).click();
        browser.awaitText("is invited as tenant-viewer", 30);
        assertThat(browser.find(By.id("one-time-password")).getText()).hasSizeGreaterThan(20);
        assertThat(browser.text()).contains("colleague-" + email).contains("not yet");
        browser.screenshot("19-users").assertAccessible();

        // on a phone's width the page still fits
        browser.size(390, 844).go("/app").awaitText("prod-eu", 30).screenshot("09-dashboard-phone");
        assertThat(browser.fitsWidth()).as("the dashboard fits 390 px").isTrue();
        browser.size(1280, 900);

        // signing out ends the session: the dashboard asks to sign in again
        browser.find(By.linkText("Sign out")).click();
        browser.awaitText("Sign up", 30);
        browser.go("/app").awaitText("Sign in", 30);
        assertThat(browser.driver().getCurrentUrl()).contains("/realms/cairn/protocol/openid-connect/auth");
    }

    @Test
    void aViewerSeesNoWriteButtonsAndTheApiRefusesTheirWritesAnyway() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Viewer Co");
        String email = "viewer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String oneTime = Api.json(Api.as(tenant.token())
                        .body(java.util.Map.of("email", email, "role", "tenant-viewer"))
                        .when()
                        .post("/api/v1/tenant/users"))
                .path("oneTimePassword")
                .asText();
        try (Browser viewer = Browser.open()) {
            // the invited viewer signs in with the one-time password and chooses their own
            viewer.signInFirstTime(email, oneTime, "viewer-password-1");
            viewer.awaitText("Viewer Co", 30);
            assertThat(viewer.text()).contains("viewer").doesNotContain("Add a cluster");
            viewer.go("/app/policies").awaitText("Backup policies", 30);
            assertThat(viewer.text()).doesNotContain("New policy");
            viewer.screenshot("18-viewer").assertAccessible();

            // a write the page does not offer is refused by the API, and said so
            viewer.go("/app/clusters/new").awaitText("Cluster name", 30).type("name", "sneaky");
            viewer.find(By.cssSelector("form.form button[type=submit]")).click();
            viewer.awaitText("Forbidden", 30);
            assertThat(Api.json(Api.as(tenant.token()).when().get("/api/v1/clusters"))
                            .toString())
                    .doesNotContain("sneaky");
        }
    }

    @Test
    void aPartnerSignsInAddsACustomerSetsItsQuotaAndDownloadsItsUsageCsv() throws Exception {
        // an operator adds the partner with its administrator, who gets a one-time password
        String email = "partner-" + UUID.randomUUID().toString().substring(0, 8) + "@reseller.test";
        String oneTime = partnerAdmin("Portal Reseller", email);
        try (Browser partner = Browser.open()) {
            partner.signInFirstTime(email, oneTime, "partner-password-1");

            // the partner's home is its customers; it adds one, whose administrator's one-time password shows once
            partner.awaitText("Customer tenants", 30);
            assertThat(partner.path()).isEqualTo("/app/partner");
            assertThat(partner.text()).contains("partner").doesNotContain("Add a cluster");
            partner.type("organisation", "Portal Customer")
                    .type("adminEmail", "admin-" + email.replace("@reseller.test", "@customer.test"));
            partner.find(By.cssSelector("form.form button[type=submit]")).click();
            partner.awaitText("is created on the FREE plan", 30);
            assertThat(partner.find(By.id("one-time-password")).getText()).hasSizeGreaterThan(20);
            String customer = partner.find(By.linkText("Portal Customer"))
                    .getAttribute("href")
                    .replaceFirst(".*/customers/", "");

            // the customer stores 2.5 GB; the list shows it against the quota
            Metering.send(Metering.event(UUID.fromString(customer), "stored", 2_500_000_000L, Instant.now(), null));
            Metering.awaitCounted(UUID.fromString(customer), 1);
            partner.go("/app/partner").awaitText("2.50 GB of 1.00 TB", 30);
            partner.screenshot("21-partner-customers").assertAccessible();

            // its page: usage by day as a chart, a quota the partner sets (within the plan), the CSV
            partner.find(By.linkText("Portal Customer")).click();
            partner.awaitText("Usage by day", 30).type("quotaGb", "5000");
            partner.find(By.cssSelector("form.form button[type=submit]")).click();
            partner.awaitText("Quota", 30);
            assertThat(partner.find(By.cssSelector("[role=alert]")).getText()).contains("the plan's limit");
            partner.type("quotaGb", "500");
            partner.find(By.cssSelector("form.form button[type=submit]")).click();
            partner.awaitText("500 GB", 30).screenshot("22-partner-customer").assertAccessible();

            Path csv = partner.download(By.id("usage-csv"), 30);
            assertThat(csv.getFileName().toString()).isEqualTo("usage-" + customer + "-day.csv");
            List<String> rows = Files.readAllLines(csv);
            assertThat(rows.getFirst()).startsWith("start,end,stored_byte_hours,peak_stored_bytes,end_stored_bytes");
            assertThat(rows.getLast()).contains(",2500000000,");

            // statements of the month and webhooks
            partner.find(By.linkText("Statements")).click();
            partner.awaitText("Statements of", 30)
                    .screenshot("23-partner-statements")
                    .assertAccessible();
            partner.find(By.linkText("Webhooks")).click();
            partner.awaitText("Add an endpoint", 30).type("url", "https://hooks.reseller.test/cairn");
            partner.find(By.cssSelector("form.form button[type=submit]")).click();
            partner.awaitText("Its signing secret is shown only now", 30);
            assertThat(partner.find(By.id("webhook-secret")).getText()).startsWith("whsec_");
            partner.screenshot("24-partner-webhooks").assertAccessible();

            // another partner's customer is not found, in the portal as in the API
            try (Browser stranger = Browser.open()) {
                String other = "partner-" + UUID.randomUUID().toString().substring(0, 8) + "@reseller.test";
                String otherPassword = partnerAdmin("Nosy Reseller", other);
                stranger.signInFirstTime(other, otherPassword, "partner-password-2");
                stranger.awaitText("Customer tenants", 30);
                assertThat(stranger.text()).doesNotContain("Portal Customer");
                stranger.go("/app/partner/customers/" + customer).awaitText("Not found", 30);
                stranger.go("/app/partner/customers/" + customer + "/usage.csv").awaitText("Not found", 30);
            }
        }
    }

    /** A partner an operator adds with its administrator; the administrator's one-time password. */
    private static String partnerAdmin(String name, String email) {
        return Api.json(Api.as(Operators.token())
                        .body(java.util.Map.of("name", name, "adminEmail", email))
                        .when()
                        .post("/api/v1/partners"))
                .path("adminOneTimePassword")
                .asText();
    }

    @Test
    void aRefusedSignupShowsTheApisReasonsAndKeepsWhatWasTyped() {
        try (Browser other = Browser.open()) {
            other.go("/signup")
                    .awaitText("free plan", 30)
                    .type("organisation", "Short Password Ltd")
                    .type("email", "short-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test")
                    .type("password", "short");
            other.find(By.cssSelector("form button[type=submit]")).click();
            other.awaitText("Invalid request", 30);
            assertThat(other.find(By.id("password-error")).getText()).contains("10");
            assertThat(other.find(By.id("organisation")).getAttribute("value")).isEqualTo("Short Password Ltd");
            other.screenshot("10-signup-refused").assertAccessible();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
