package dev.cairn.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.Api;
import dev.cairn.cli.platform.Platform;
import dev.cairn.cli.platform.PlatformOption;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "cluster",
        description = "Your clusters and their agents.",
        synopsisSubcommandLabel = "(list | add | get | revoke)",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn cluster add prod-eu          # prints the helm one-liner that installs its agent",
            "  cairn cluster list -o json",
            "  cairn cluster get prod-eu",
            "  cairn cluster revoke prod-eu       # its agent can no longer send or read anything"
        })
public final class ClusterCommand {
    private final Io io;

    @Mixin
    PlatformOption platform;

    ClusterCommand(Io io) {
        this.io = io;
    }

    @Command(name = "list", description = "List your clusters: phase, whether the agent is online, versions.")
    int list(@Mixin Output output) {
        JsonNode clusters = Api.JSON.valueToTree(platform.signedIn().every("clusters?limit=500"));
        Table table = new Table("ID", "NAME", "PHASE", "ONLINE", "AGENT", "KUBERNETES", "LAST HEARTBEAT");
        clusters.forEach(c -> table.row(
                c.path("id").asText(),
                c.path("name").asText(),
                c.path("phase").asText(),
                c.path("online").asBoolean() ? "yes" : "no",
                c.path("agentVersion").asText(null),
                c.path("kubernetesVersion").asText(null),
                c.path("lastHeartbeatAt").asText(null)));
        output.print(clusters, table, io.out());
        return ExitStatus.OK;
    }

    @Command(
            name = "add",
            description = "Add a cluster; prints the helm one-liner that installs and registers its agent.")
    int add(
            @Parameters(paramLabel = "NAME", description = "The cluster's name (unique in the tenant).") String name,
            @Mixin Output output) {
        JsonNode created = platform.signedIn().post("clusters", Map.of("name", name));
        if (!output.isTable()) {
            output.print(created, io.out());
            return ExitStatus.OK;
        }
        JsonNode registration = created.path("registration");
        io.out()
                .println("Cluster " + name + " added ("
                        + created.path("cluster").path("id").asText() + "). Install its agent before "
                        + registration.path("expiresAt").asText() + " with:");
        io.out().println();
        io.out().println("  " + registration.path("helmCommand").asText());
        return ExitStatus.OK;
    }

    @Command(name = "get", description = "One cluster, with its agent's state.")
    int get(
            @Parameters(paramLabel = "CLUSTER", description = "The cluster's id or name.") String cluster,
            @Mixin Output output) {
        Platform api = platform.signedIn();
        JsonNode c = api.get("clusters/" + api.clusterId(cluster));
        Table table = new Table("FIELD", "VALUE");
        c.properties()
                .forEach(field -> table.row(
                        field.getKey(),
                        field.getValue().isValueNode()
                                ? field.getValue().asText()
                                : field.getValue().toString()));
        output.print(c, table, io.out());
        return ExitStatus.OK;
    }

    @Command(name = "revoke", description = "Revoke a cluster's agent: its credentials stop working at once.")
    int revoke(@Parameters(paramLabel = "CLUSTER", description = "The cluster's id or name.") String cluster) {
        Platform api = platform.signedIn();
        var id = api.clusterId(cluster);
        api.delete("clusters/" + id);
        io.out().println("Agent of cluster " + cluster + " revoked.");
        return ExitStatus.OK;
    }
}
