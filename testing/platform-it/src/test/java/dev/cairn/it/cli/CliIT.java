package dev.cairn.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.it.support.Http;
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

/** The command line as a user runs it: {@code ./cairn signup}, {@code login} and {@code token}. */
class CliIT {
    @TempDir
    Path config;

    /** Runs {@code ./cairn args...} from the repository, with {@code stdin}; returns exit status and output. */
    private Result cairn(String stdin, String... args) throws IOException, InterruptedException {
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

    private record Result(int status, String out, String err) {}

    @Test
    void signupThenTokenGivesAWorkingTokenForTheNewTenant() throws Exception {
        String email = "cli-" + UUID.randomUUID() + "@example.test";

        Result signup = cairn(
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
        assertThat(signup.out()).startsWith("Signed up Cli Co (tenant ").contains("plan FREE", "home eu-west-1");

        Result token = cairn("", "token");
        assertThat(token.status()).as(token.err()).isZero();
        JsonNode me = Http.json(Http.get(TestPlatform.get().entryPoint() + "/api/v1/me", token.out()));
        assertThat(me.path("username").asText()).isEqualTo(email);
        assertThat(signup.out()).contains(me.path("tenantId").asText());

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
    void clustersAreAddedListedAndRevokedFromTheCommandLine() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Cli Clusters Co");
        assertThat(cairn(tenant.password() + "\n", "login", "--email", tenant.email(), "--password-stdin")
                        .status())
                .isZero();

        Result added = cairn("", "clusters", "add", "edge-7");
        assertThat(added.status()).as(added.err()).isZero();
        assertThat(added.out())
                .contains("Cluster edge-7 added")
                .contains("helm install cairn-agent ")
                .contains("--set registration.token=cairn_reg_");

        Result listed = cairn("", "clusters", "--json");
        JsonNode clusters = Http.JSON.readTree(listed.out());
        assertThat(clusters.findValuesAsText("name")).containsExactly("edge-7");
        String id = clusters.get(0).path("id").asText();

        Result revoked = cairn("", "clusters", "revoke", id);
        assertThat(revoked.status()).as(revoked.err()).isZero();
        assertThat(cairn("", "clusters").out()).contains("edge-7").contains("Revoked");

        Result unknown =
                cairn("", "clusters", "revoke", java.util.UUID.randomUUID().toString());
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("does not exist");
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
