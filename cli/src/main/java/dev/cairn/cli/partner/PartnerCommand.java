package dev.cairn.cli.partner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.PlatformOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "partner",
        description = "Partners (resellers, MSPs), for platform operators.",
        synopsisSubcommandLabel = "create",
        footerHeading = "%nExamples:%n",
        footer = {"  cairn partner create \"Acme Reseller\" --admin-email ops@acme.example"})
public final class PartnerCommand {
    private final Io io;

    PartnerCommand(Io io) {
        this.io = io;
    }

    @Command(
            name = "create",
            description = {
                "Add a partner: its API client's credentials (client credentials grant) and, with --admin-email, a",
                "person invited as its administrator (the portal's partner view). Secrets are shown once."
            })
    int create(
            @Parameters(paramLabel = "NAME", description = "The partner's name.") String name,
            @Option(names = "--admin-email", paramLabel = "EMAIL", description = "Its administrator, invited.")
                    String adminEmail,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name));
        if (adminEmail != null) {
            body.put("adminEmail", adminEmail);
        }
        JsonNode created =
                platform.signedIn().post("partners", body, UUID.randomUUID().toString());
        Table table = new Table("FIELD", "VALUE")
                .row("id", created.path("id").asText())
                .row("name", created.path("name").asText())
                .row("API client", created.path("clientId").asText())
                .row("API client secret", created.path("clientSecret").asText())
                .row("token URL", created.path("tokenUrl").asText())
                .row("administrator", created.path("adminEmail").asText(null))
                .row("one-time password", created.path("adminOneTimePassword").asText(null));
        output.print(created, table, io.out());
        if (output.isTable()) {
            io.err().println("The secret and the one-time password are shown only now.");
        }
        return ExitStatus.OK;
    }
}
