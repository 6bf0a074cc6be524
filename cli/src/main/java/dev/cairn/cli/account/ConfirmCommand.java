package dev.cairn.cli.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.platform.Api;
import dev.cairn.cli.platform.PlatformOption;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "confirm",
        description =
                "Confirm a signup with the link mailed to its address: the tenant and its administrator are made.",
        footerHeading = "%nExamples:%n",
        footer = {"  cairn confirm 'https://cairn.example.com/signup/confirm?token=…'"})
public final class ConfirmCommand implements Callable<Integer> {
    /** The token in a confirmation link, or the token alone. */
    private static final Pattern TOKEN = Pattern.compile("(?:[?&]token=)?([A-Za-z0-9_-]{20,100})$");

    private final Io io;

    @Parameters(paramLabel = "LINK", description = "The link from the mail (or the token in it).")
    String link;

    @Mixin
    PlatformOption platform;

    @Mixin
    Output output;

    ConfirmCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Matcher token = TOKEN.matcher(link.trim());
        if (!token.find()) {
            io.err().println("cairn: " + link + " is not a signup link (…/signup/confirm?token=…)");
            return ExitStatus.USAGE;
        }
        Api.Response response =
                Api.postJson(platform.url() + "/api/v1/signup/confirmations", Map.of("token", token.group(1)), null);
        JsonNode tenant = response.body();
        if (!output.isTable()) {
            output.print(tenant, io.out());
            return ExitStatus.OK;
        }
        io.out()
                .println((response.status() == 201 ? "Created " : "Already created: ")
                        + tenant.path("name").asText()
                        + " (tenant " + tenant.path("id").asText() + ", plan "
                        + tenant.path("plan").asText() + ", home "
                        + tenant.path("homeRegion").asText()
                        + (tenant.path("drRegion").isTextual()
                                ? ", DR " + tenant.path("drRegion").asText()
                                : "")
                        + "). Sign in with: cairn login --email EMAIL");
        return ExitStatus.OK;
    }
}
