package dev.cairn.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.platform.Api;
import dev.cairn.cli.platform.Auth;
import dev.cairn.cli.platform.PlatformOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "signup",
        description = {
            "Sign up for a tenant on the Free plan (1 TB): a link to confirm the address is mailed to it.",
            "Follow the link in a browser, or give it to `cairn confirm`; the tenant is made then."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn signup --organisation Acme --email admin@acme.test --dr-region us-east-1",
            "  echo \"$PASSWORD\" | cairn signup --organisation Acme --email admin@acme.test --password-stdin"
        })
public final class SignupCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--organisation", required = true, paramLabel = "NAME", description = "The organisation's name.")
    String organisation;

    @Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The administrator's email.")
    String email;

    @Option(
            names = "--home-region",
            paramLabel = "REGION",
            defaultValue = "eu-west-1",
            description = "Where the backups are kept (default: ${DEFAULT-VALUE}; see GET /api/v1/regions).")
    String homeRegion;

    @Option(names = "--dr-region", paramLabel = "REGION", description = "A second region for disaster recovery.")
    String drRegion;

    @Mixin
    Passwords passwords;

    @Mixin
    PlatformOption platform;

    @Mixin
    Output output;

    SignupCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Auth.requireSafeForPasswords(platform.url());
        String password = passwords.read("Password for " + email + ": ", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", organisation);
        body.put("email", email);
        body.put("password", password);
        body.put("homeRegion", homeRegion);
        if (drRegion != null) {
            body.put("drRegion", drRegion);
        }
        JsonNode accepted =
                Api.postJson(platform.url() + "/api/v1/signup", body, null).body();
        if (!output.isTable()) {
            output.print(accepted, io.out());
            return ExitStatus.OK;
        }
        io.out()
                .println("Sent a link to " + accepted.path("email").asText() + " (it works until "
                        + until(accepted.path("confirmBy").asText()) + "). Follow it in a browser, or run:");
        io.out().println("  cairn confirm 'LINK'");
        io.out()
                .println("then sign in: cairn login --email "
                        + accepted.path("email").asText());
        return ExitStatus.OK;
    }

    /** An instant as a person reads it: to the minute, in UTC. */
    static String until(String instant) {
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                    .withZone(java.time.ZoneOffset.UTC)
                    .format(java.time.Instant.parse(instant));
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }
}
