package dev.cairn.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.CairnCli;
import dev.cairn.it.support.CairnCli.Result;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Metering;
import dev.cairn.it.support.Operators;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a user runs it, through the repository's {@code ./cairn} script: account, clusters, backups and
 * commands as the signed-in user, help, usage errors and exit statuses.
 */
class CliIT {
    @TempDir
    Path config;

    /** Runs the command line in this JVM with this test's configuration directory (see {@link CairnCli}). */
    private Result cairn(String stdin, String... args) {
        return CairnCli.run(config, stdin, args);
    }

    /** Runs {@code ./cairn args...} from the repository, with {@code stdin}; returns exit status and output. */
    private Result script(String stdin, String... args) throws IOException, InterruptedException {
        Path repository = Path.of(System.getProperty("cairn.repository", "../.."))
                .toAbsolutePath()
                .normalize();
        List<String> command =
                new java.util.ArrayList<>(List.of(repository.resolve("cairn").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CAIRN_URL", TestPlatform.get().entryPoint());
        builder.environment().put("CAIRN_CONFIG", config.toString());
        builder.environment().put("CAIRN_SKIP_BUILD", "1");
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out.trim(), err.trim());
    }

    @Test
    void signupThenTheMailedLinkThenLoginGivesAWorkingTokenForTheNewTenant() throws Exception {
        String email = "cli-" + UUID.randomUUID() + "@example.test";

        Result signup = script(
                "a-long-cli-password\n",
                "signup",
                "--organisation",
                "Cli Co",
                "--email",
                email,
                "--dr-region",
                "us-east-1",
                "--password-stdin");
        assertThat(signup.status()).as(signup.err()).isZero();
        assertThat(signup.out()).startsWith("Sent a link to " + email).contains("cairn confirm");

        String link = TestPlatform.get().entryPoint() + "/signup/confirm?token="
                + TestPlatform.get().signupToken(email);
        Result confirm = script("", "confirm", link);
        assertThat(confirm.status()).as(confirm.err()).isZero();
        assertThat(confirm.out()).startsWith("Created Cli Co (tenant ").contains("plan FREE", "home eu-west-1");
        assertThat(script("", "confirm", link).out()).startsWith("Already created: Cli Co");

        Result login = script("a-long-cli-password\n", "login", "--email", email, "--password-stdin");
        assertThat(login.status()).as(login.err()).isZero();
        Result token = script("", "token");
        assertThat(token.status()).as(token.err()).isZero();
        JsonNode me = Api.json(Api.as(token.out()).when().get("/api/v1/me"));
        assertThat(me.path("username").asText()).isEqualTo(email);
        assertThat(confirm.out()).contains(me.path("tenantId").asText());

        // the credentials are the user's alone
        assertThat(Files.getPosixFilePermissions(config.resolve("credentials.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void loginWithAWrongPasswordFailsClearly() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Cli Login Co");

        Result wrong = cairn("not-the-password\n", "login", "--email", tenant.email(), "--password-stdin");
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.err()).contains("sign-in refused");

        Result right = cairn(tenant.password() + "\n", "login", "--email", tenant.email(), "--password-stdin");
        assertThat(right.status()).as(right.err()).isZero();
        assertThat(cairn("", "token").out()).isNotBlank();
    }

    @Test
    void aSignInOutlivesTheSessionOnlyWhenAskedTo() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Cli Offline Co");

        assertThat(cairn(tenant.password() + "\n", "login", "--email", tenant.email(), "--password-stdin")
                        .status())
                .isZero();
        assertThat(refreshTokenType())
                .as("a sign-in bound to the realm session")
                .isEqualTo("Refresh");

        assertThat(cairn(tenant.password() + "\n", "login", "--email", tenant.email(), "--password-stdin", "--offline")
                        .status())
                .isZero();
        assertThat(refreshTokenType()).as("asked for: an offline token").isEqualTo("Offline");
        assertThat(cairn("", "token").out()).isNotBlank();
    }

    /** The {@code typ} claim of the refresh token the CLI kept (Keycloak's refresh tokens are JWTs). */
    private String refreshTokenType() throws IOException {
        JsonNode kept = Api.JSON.readTree(config.resolve("credentials.json").toFile());
        String payload = kept.path("refreshToken").asText().split("\\.")[1];
        return Api.JSON
                .readTree(java.util.Base64.getUrlDecoder().decode(payload))
                .path("typ")
                .asText();
    }

    @Test
    void clustersAreAddedListedAndRevokedFromTheCommandLine() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Cli Clusters Co");
        assertThat(cairn(tenant.password() + "\n", "login", "--email", tenant.email(), "--password-stdin")
                        .status())
                .isZero();

        Result added = cairn("", "cluster", "add", "edge-7");
        assertThat(added.status()).as(added.err()).isZero();
        assertThat(added.out())
                .contains("Cluster edge-7 added")
                .contains("helm install cairn-agent ")
                .contains("--set registration.token=cairn_reg_");

        Result listed = cairn("", "cluster", "list", "-o", "json");
        JsonNode clusters = Api.JSON.readTree(listed.out());
        assertThat(clusters.findValuesAsText("name")).containsExactly("edge-7");
        String id = clusters.get(0).path("id").asText();

        assertThat(cairn("", "cluster", "get", "edge-7", "-o", "yaml").out())
                .contains("id: " + id)
                .contains("phase: Pending");

        Result revoked = cairn("", "cluster", "revoke", "edge-7");
        assertThat(revoked.status()).as(revoked.err()).isZero();
        assertThat(cairn("", "cluster", "list").out()).contains("edge-7").contains("Revoked");

        Result unknown = cairn("", "cluster", "revoke", UUID.randomUUID().toString());
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("does not exist");
    }

    @Test
    void theSignedInUserListsDescribesAndOrdersBackups(@TempDir Path tmp) throws Exception {
        // given a tenant whose local agent backed a directory up, and its administrator signed in
        Tenants.SignedUp tenant = Tenants.free("Cli Backups Co");
        LocalAgent agent = new LocalAgent(Agents.registered(tenant, "laptop"), tmp.resolve("agent"));
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("notes.txt"), "kept by the local agent");
        String id = agent.backup(src).json().path("id").asText();
        assertThat(cairn(tenant.password() + "\n", "login", "--email", tenant.email(), "--password-stdin")
                        .status())
                .isZero();

        // the backup is listed as JSON, as YAML and as a table, and described
        Result json = cairn("", "backup", "list", "-o", "json");
        assertThat(json.status()).as(json.err()).isZero();
        JsonNode backups = Api.JSON.readTree(json.out());
        assertThat(backups.findValuesAsText("id")).containsExactly(id);
        assertThat(backups.get(0).path("phase").asText()).isEqualTo("Completed");
        assertThat(cairn("", "backup", "list", "--output=yaml").out()).contains("- id: " + id);
        assertThat(cairn("", "backup", "list").out())
                .startsWith("ID ")
                .contains(id)
                .contains("Completed");
        assertThat(cairn("", "backup", "describe", id).out()).contains("phase").contains("Completed");

        // its usage against the free tier: a bar for the quota, and the last 24 hours as JSON
        Metering.awaitCaughtUp(tenant.id());
        Result usage = cairn("", "usage");
        assertThat(usage.status()).as(usage.err()).isZero();
        assertThat(usage.out()).contains("Plan FREE: ").contains(" of 1.00 TB stored  [#");
        Result hours = cairn("", "usage", "--by", "hour", "-o", "json");
        assertThat(hours.status()).as(hours.err()).isZero();
        JsonNode usageJson = Api.JSON.readTree(hours.out());
        assertThat(usageJson.path("now").path("storedBytes").asLong()).isPositive();
        assertThat(usageJson.path("history").size()).isEqualTo(24);

        // its replication to the DR region catches up, and the backup's DR copy is then complete
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> Api.JSON
                                .readTree(cairn("", "replication", "-o", "json").out())
                                .path("objectsBehind")
                                .asLong()
                        == 0);
        Result replication = cairn("", "replication");
        assertThat(replication.status()).as(replication.err()).isZero();
        assertThat(replication.out())
                .contains("DR region")
                .contains("us-east-1")
                .contains("objects behind");
        assertThat(cairn("", "backup", "describe", id).out()).contains("complete in us-east-1");

        // a backup command for a cluster is queued as the user, listed, and cancelled before any agent takes it
        assertThat(cairn("", "cluster", "add", "prod-eu").status()).isZero();
        Result create = cairn(
                "", "backup", "create", "--cluster", "prod-eu", "--include-namespaces=shop,billing", "-o", "json");
        assertThat(create.status()).as(create.err()).isZero();
        JsonNode command = Api.JSON.readTree(create.out());
        assertThat(command.path("phase").asText()).isEqualTo("Queued");
        assertThat(command.path("spec").path("includeNamespaces").toString()).isEqualTo("[\"shop\",\"billing\"]");
        String commandId = command.path("id").asText();
        assertThat(cairn("", "command", "list", "--cluster", "prod-eu").out()).contains(commandId);
        Result cancel = cairn("", "command", "cancel", commandId, "--cluster", "prod-eu", "-o", "json");
        assertThat(cancel.status()).as(cancel.err()).isZero();
        assertThat(Api.JSON.readTree(cancel.out()).path("phase").asText()).isEqualTo("Cancelled");
        Result followed = cairn("", "command", "get", commandId, "--cluster", "prod-eu", "--watch");
        assertThat(followed.status()).as("a cancelled command exits as failed").isEqualTo(1);
        assertThat(followed.out()).contains("Cancelled");

        // a recovery of the backup into that cluster: started, listed, described, cancelled, followed to its end
        Result recovery = cairn("", "recovery", "create", "--from-backup", id, "--cluster", "prod-eu", "-o", "json");
        assertThat(recovery.status()).as(recovery.err()).isZero();
        JsonNode planned = Api.JSON.readTree(recovery.out());
        assertThat(planned.path("phase").asText()).isEqualTo("Planned");
        String recoveryId = planned.path("id").asText();
        assertThat(cairn("", "recovery", "list").out()).contains(recoveryId);
        assertThat(cairn("", "recovery", "describe", recoveryId).out())
                .contains("target cluster")
                .contains("Planned");
        Result stopped = cairn("", "recovery", "cancel", recoveryId);
        assertThat(stopped.status()).as(stopped.err()).isZero();
        Result ended = cairn("", "recovery", "describe", recoveryId, "--wait");
        assertThat(ended.status()).as("a cancelled recovery exits as failed").isEqualTo(1);
        assertThat(ended.out()).contains("Cancelled").contains("cancelled by the tenant");
        // its report, signed by the platform, downloaded and checked
        Result report = cairn(
                "", "drill", "report", recoveryId, "--out", tmp.resolve("audit").toString());
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(report.out()).contains("Cancelled").contains("signature").contains("valid (key ");
        assertThat(tmp.resolve("audit/recovery-" + recoveryId + ".json.sig")).isRegularFile();
        assertThat(tmp.resolve("audit/signing-key.pem")).isRegularFile();
        Result preview = cairn("", "recovery", "create", "--from-backup", id, "--cluster", "prod-eu", "--preview");
        assertThat(preview.status()).isEqualTo(2);

        // another tenant's backup is not found
        Tenants.SignedUp other = Tenants.free("Cli Other Co");
        assertThat(cairn(other.password() + "\n", "login", "--email", other.email(), "--password-stdin")
                        .status())
                .isZero();
        Result foreign = cairn("", "backup", "describe", id);
        assertThat(foreign.status()).isEqualTo(1);
        assertThat(foreign.err()).startsWith("cairn backup describe: ");

        // garbage collection is for operators: a tenant's user is refused, an operator gets a dry run by default
        Result refused = cairn("", "gc");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).startsWith("cairn gc: ");
        Result login;
        synchronized (Operators.class) { // one sign-in of the operator at a time (Operators.token)
            login = cairn(Operators.PASSWORD + "\n", "login", "--email", Operators.email(), "--password-stdin");
        }
        assertThat(login.status()).as(login.err()).isZero();
        Result dry = cairn("", "gc", "--tenant", tenant.id().toString());
        assertThat(dry.status()).as(dry.err()).isZero();
        assertThat(dry.out()).contains(tenant.id().toString()).contains("Dry run (nothing changed");
        Result runs = cairn("", "gc", "runs", "--tenant", tenant.id().toString(), "-o", "json");
        assertThat(runs.status()).as(runs.err()).isZero();
        assertThat(Api.JSON.readTree(runs.out()).isArray()).isTrue();

        // and adds partners: the API client's secret and the administrator's one-time password, shown once
        String admin = "cli-partner-" + UUID.randomUUID().toString().substring(0, 8) + "@reseller.test";
        Result partner = cairn("", "partner", "create", "Cli Reseller", "--admin-email", admin, "-o", "json");
        assertThat(partner.status()).as(partner.err()).isZero();
        JsonNode created = Api.JSON.readTree(partner.out());
        assertThat(created.path("adminEmail").asText()).isEqualTo(admin);
        assertThat(created.path("adminOneTimePassword").asText()).isNotBlank();
        assertThat(created.path("clientSecret").asText()).isNotBlank();
    }

    @Test
    void policiesAreMadeListedPausedAndDeletedFromTheCommandLine() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Cli Schedules Co");
        assertThat(cairn(tenant.password() + "\n", "login", "--email", tenant.email(), "--password-stdin")
                        .status())
                .isZero();
        assertThat(cairn("", "cluster", "add", "prod-eu").status()).isZero();

        Result created = cairn(
                "",
                "schedule",
                "create",
                "nightly",
                "--cluster=prod-eu",
                "--cron",
                "0 2 * * 1-5",
                "--time-zone",
                "Europe/Paris",
                "--include-namespaces",
                "shop",
                "--keep-daily",
                "7",
                "--max-age",
                "P90D",
                "--drill-into",
                "prod-eu",
                "--drill-every",
                "P1D",
                "-o",
                "json");
        assertThat(created.status()).as(created.err()).isZero();
        JsonNode policy = Api.JSON.readTree(created.out());
        assertThat(policy.path("drill").path("every").asText()).isEqualTo("PT24H");
        assertThat(policy.path("schedule").path("cron").asText()).isEqualTo("0 2 * * 1-5");
        assertThat(policy.path("retention").path("keepDaily").asInt()).isEqualTo(7);
        assertThat(policy.path("backup").path("includeNamespaces").toString()).isEqualTo("[\"shop\"]");

        assertThat(cairn("", "schedule", "list").out()).contains("nightly").contains("0 2 * * 1-5 Europe/Paris");
        assertThat(cairn("", "schedule", "pause", "nightly", "-o", "yaml").out())
                .contains("phase: Paused");
        assertThat(cairn("", "schedule", "resume", "nightly", "-o", "yaml").out())
                .contains("phase: Active");
        Result run = cairn("", "schedule", "run", "nightly", "-o", "json");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Api.JSON.readTree(run.out()).path("phase").asText()).isEqualTo("Queued");
        assertThat(cairn("", "schedule", "runs", "nightly").out())
                .contains("Queued")
                .contains("(run now)");
        Result notYet = cairn("", "recovery", "create", "--latest-of-policy", "nightly", "--cluster", "prod-eu");
        assertThat(notYet.status()).as("no run of nightly has completed").isEqualTo(1);
        assertThat(notYet.err()).contains("has no Completed run whose backup still exists");
        Result bad = cairn("", "schedule", "create", "bad", "--cluster", "prod-eu", "--cron", "0 2 * *");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("schedule.cron").contains("five fields");
        assertThat(cairn(
                                "",
                                "schedule",
                                "create",
                                "both",
                                "--cluster",
                                "prod-eu",
                                "--cron",
                                "@daily",
                                "--every",
                                "PT1H")
                        .status())
                .as("--cron and --every exclude each other")
                .isEqualTo(2);
        assertThat(cairn("", "schedule", "delete", "nightly").status()).isZero();
        assertThat(cairn("", "schedule", "describe", "nightly").err()).contains("no policy named nightly");
    }

    @Test
    void helpUsageErrorsAndVersionBehaveAsDocumented() throws Exception {
        Result help = script("", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Exit status: 0 ok").contains("backup").contains("restore");
        Result backupHelp = script("", "backup", "--help");
        assertThat(backupHelp.status()).isZero();
        assertThat(backupHelp.out()).contains("Examples:").contains("cairn backup create --cluster");

        Result bogus = script("", "backup", "create", "--bogus");
        assertThat(bogus.status()).isEqualTo(2);
        assertThat(bogus.err()).contains("--bogus").contains("--help").doesNotContain("Exception", "\tat ");

        assertThat(script("", "--version").out()).startsWith("cairn 0.");
    }

    @Test
    void tokenWithoutLoginSaysWhatToDo() throws Exception {
        Result token = cairn("", "token");
        assertThat(token.status()).isEqualTo(1);
        assertThat(token.err()).contains("run ./cairn login");
    }

    @Test
    void signupWithBadInputShowsTheFieldsAtFault() throws Exception {
        Result bad = cairn("short\n", "signup", "--organisation", "X Co", "--email", "nope", "--password-stdin");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("email:").contains("password:");
    }
}
