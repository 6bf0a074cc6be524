package dev.cairn.cli.restore;

import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.restore.RestoreRun;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.api.agent.command.CommandKind;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.api.agent.command.RestoreSpec;
import dev.cairn.api.agent.command.StatusReport;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.command.CommandWatch;
import dev.cairn.cli.local.KubernetesTarget;
import dev.cairn.cli.local.LocalAgent;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.output.Table;
import dev.cairn.cli.platform.PlatformOption;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "restore",
        description = "Restore a backup into a cluster (by its agent) or into a directory.",
        synopsisSubcommandLabel = "(create | local)",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cairn restore create --from-backup 3f1c… --cluster dr-us --namespace-mapping shop:shop-dr --preview --wait",
            "  cairn restore create --from-backup 3f1c… --cluster dr-us --namespace-mapping shop:shop-dr --wait",
            "  cairn restore local 3f1c… /tmp/projects-restored     # into a new or empty directory, byte for byte",
            "  cairn restore local 3f1c… --kubernetes=https://k3s:6443 --preview"
        })
public final class RestoreCommand {
    private final Io io;

    @Spec
    CommandSpec spec;

    RestoreCommand(Io io) {
        this.io = io;
    }

    @Command(
            name = "create",
            description =
                    "Ask a cluster's agent to restore a backup (a RESTORE command); --wait follows it to the end.")
    int create(
            @Option(names = "--from-backup", required = true, paramLabel = "BACKUP_ID") UUID backup,
            @Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "Its id or name.")
                    String cluster,
            @Mixin RestoreOptions options,
            @Option(
                            names = "--volumes",
                            negatable = true,
                            defaultValue = "true",
                            fallbackValue = "true",
                            description = "Restore the data of the claims it creates (default: yes).")
                    boolean volumes,
            @Option(names = "--wait", description = "Follow the command until it ends; the exit status is its phase.")
                    boolean await,
            @Mixin PlatformOption platform,
            @Mixin Output output) {
        RestoreSpec restore = options.spec(backup, volumes, spec.commandLine());
        return new CommandWatch(platform.signedIn(), io, output).send(cluster, CommandKind.RESTORE, restore, await);
    }

    @Command(
            name = "local",
            description = {
                "Restore a backup from this machine as the local agent: files into a new or empty directory (never",
                "outside it), or Kubernetes objects into a cluster (--kubernetes).",
                "Exit status: 0 Completed, 3 PartiallyFailed, 1 Failed."
            })
    int local(
            @Parameters(index = "0", paramLabel = "BACKUP_ID") UUID backup,
            @Parameters(
                            index = "1",
                            arity = "0..1",
                            paramLabel = "DIR",
                            description = "A new or empty directory to restore files into.")
                    Path directory,
            @Mixin KubernetesTarget kubernetes,
            @Mixin RestoreOptions options,
            @Mixin LocalAgent agent,
            @Mixin Output output)
            throws IOException {
        kubernetes.requireEitherOr(directory, "DIR", spec.commandLine());
        if (directory != null && !options.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "namespaces, mappings, the existing-resource policy and"
                            + " --preview apply to a restore into a cluster (--kubernetes), not into a directory");
        }
        RestoreSpec restore = options.spec(backup, false, spec.commandLine());
        AgentRuntime runtime = agent.open(io);
        try (Progress progress = agent.progress("restoring", io, output)) {
            if (directory != null) {
                RestoreRun.Result r = new RestoreRun(
                                runtime.credentials(),
                                runtime.platform(),
                                runtime.state(),
                                progress,
                                LocalAgent.threads())
                        .run(backup, directory);
                progress.close();
                if (output.isTable()) {
                    io.out()
                            .printf(
                                    Locale.ROOT,
                                    "restore of %s %s: %d files, %s into %s, %.1f s%s%n",
                                    r.backup(),
                                    r.phase(),
                                    r.files(),
                                    Progress.bytes(r.bytes()),
                                    directory,
                                    r.seconds(),
                                    r.failure() == null ? "" : " (" + r.failure() + ")");
                } else {
                    output.print(r, io.out());
                }
                return ExitStatus.of(r.phase());
            }
            try (KubernetesClient kube = kubernetes.client()) {
                StatusReport r = new dev.cairn.agent.command.RestoreCommand(kube, runtime, null).run(restore, progress);
                progress.close();
                print(r, output);
                return ExitStatus.of(r.phase());
            }
        }
    }

    private void print(StatusReport status, Output output) {
        RestoreReport r = status.restore();
        if (!output.isTable()) {
            output.print(r, io.out());
            return;
        }
        Table table = new Table("ACTION", "TYPE", "OBJECT", "REASON");
        r.items()
                .forEach(i -> table.row(
                        i.action(),
                        i.type(),
                        (i.namespace() == null ? "" : i.namespace() + "/") + i.name(),
                        i.reason()));
        table.print(io.out());
        r.warnings().forEach(io.err()::println);
        io.out().println(status.message());
    }
}
