package dev.cairn.cli;

import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.cli.account.ConfirmCommand;
import dev.cairn.cli.account.LoginCommand;
import dev.cairn.cli.account.SignupCommand;
import dev.cairn.cli.account.TokenCommand;
import dev.cairn.cli.backup.BackupCommand;
import dev.cairn.cli.cluster.ClusterCommand;
import dev.cairn.cli.command.CommandCommand;
import dev.cairn.cli.drill.DrillCommand;
import dev.cairn.cli.gc.GcCommand;
import dev.cairn.cli.partner.PartnerCommand;
import dev.cairn.cli.recovery.RecoveryCommand;
import dev.cairn.cli.replication.ReplicationCommand;
import dev.cairn.cli.restore.RestoreCommand;
import dev.cairn.cli.schedule.ScheduleCommand;
import dev.cairn.cli.usage.UsageCommand;
import dev.cairn.cli.verify.VerifyCommand;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of {@code cairn}: its subcommands, the exit statuses, the environment it reads. */
@Command(
        name = "cairn",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT,
        versionProvider = CairnCommand.Version.class,
        description = "Cairn: backup and disaster recovery for Kubernetes, as a service.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            SignupCommand.class,
            ConfirmCommand.class,
            LoginCommand.class,
            TokenCommand.class,
            ClusterCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            CommandCommand.class,
            ScheduleCommand.class,
            VerifyCommand.class,
            GcCommand.class,
            UsageCommand.class,
            ReplicationCommand.class,
            RecoveryCommand.class,
            DrillCommand.class,
            PartnerCommand.class,
            CairnCommand.Up.class,
            CairnCommand.Test.class,
            CairnCommand.Completion.class,
            CommandLine.HelpCommand.class,
        },
        footerHeading = "%n",
        footer = {
            "Exit status: 0 ok; 1 failed (the message says why); 2 usage error, nothing done; 3 partially failed.",
            "",
            "Environment: CAIRN_URL (the platform), CAIRN_CONFIG (where the sign-in is kept, default",
            "~/.config/cairn), CAIRN_AGENT_HOME (the local agent, default $CAIRN_HOME/agent), CAIRN_HOME (the local",
            "platform's data, default .cairn), CAIRN_DEBUG=1 (stack traces of failures), JAVA_HOME.",
            "",
            "Examples:",
            "  ./cairn up                                   # the whole platform on this machine",
            "  cairn login --email demo@cairn.local",
            "  cairn backup local ~/projects && cairn backup list",
            "  cairn cluster add prod-eu                    # the helm one-liner for its agent",
            "  cairn backup create --cluster prod-eu --include-namespaces shop --volumes --wait",
            "  cairn schedule create nightly --cluster prod-eu --cron '0 2 * * *' --keep-daily 7",
            "  source <(cairn completion)                   # completion in bash or zsh"
        })
public final class CairnCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitStatus.OK;
    }

    /** The version of the project this CLI (and the agent it runs) was built from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cairn " + AgentRuntime.VERSION};
        }
    }

    /** Listed for its help: the repository's {@code ./cairn} script starts the platform itself. */
    @Command(
            name = "up",
            description = {
                "Start the whole platform on this machine (./cairn up).",
                "Builds what is missing; data in .cairn/; Ctrl-C stops it."
            },
            footerHeading = "%nEnvironment:%n",
            footer = {
                "  CAIRN_HOME (data folder, default .cairn), CAIRN_PORT (entry point, default 8080), CAIRN_KEYCLOAK_PORT",
                "  (default 8180), CAIRN_KAFKA_PORT (default 9092), CAIRN_SKIP_BUILD=1 (never build), JAVA_HOME (a JDK 22",
                "  or newer; found under /usr/lib/jvm when unset or older)."
            })
    static final class Up implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "run it from the repository as ./cairn up");
        }
    }

    /** Listed for its help: the repository's {@code ./cairn} script runs the tests itself. */
    @Command(name = "test", description = "Run every test, as CI does (./cairn test, i.e. ./mvnw verify).")
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "run it from the repository as ./cairn test");
        }
    }

    @Command(
            name = "completion",
            description = "Print the completion script for bash and zsh.",
            footerHeading = "%nExamples:%n",
            footer = {"  source <(./cairn completion)", "  ./cairn completion > /etc/bash_completion.d/cairn"})
    static final class Completion implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine()
                    .getOut()
                    .print(AutoComplete.bash("cairn", spec.root().commandLine()));
            spec.commandLine().getOut().flush();
            return ExitStatus.OK;
        }
    }
}
