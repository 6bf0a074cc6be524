package dev.cairn.cli.verify;

import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.restore.VerifyRun;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.cli.ExitStatus;
import dev.cairn.cli.Io;
import dev.cairn.cli.local.LocalAgent;
import dev.cairn.cli.output.Output;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "verify",
        description = {
            "Re-read a backup's chunks from object storage and check each one, as the local agent.",
            "Each chunk is decrypted and its MAC and hash checked; damage is listed.",
            "Exit status: 0 passed, 1 damage found or failed."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  cairn verify 3f1c0a4e-…", "  cairn verify 3f1c0a4e-… --sample 10 -o json"})
public final class VerifyCommand implements Callable<Integer> {
    private final Io io;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BACKUP_ID", description = "The backup to verify.")
    UUID backup;

    @Option(
            names = "--sample",
            paramLabel = "PERCENT",
            defaultValue = "100",
            description = "Check this share of the chunks, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int sample;

    @Mixin
    LocalAgent agent;

    @Mixin
    Output output;

    VerifyCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        if (sample < 1 || sample > 100) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--sample takes a percentage from 1 to 100, not " + sample);
        }
        AgentRuntime runtime = agent.open(io);
        try (Progress progress = agent.progress("verifying", io, output)) {
            VerifyRun.Result r = new VerifyRun(
                            runtime.credentials(), runtime.platform(), runtime.state(), progress, LocalAgent.threads())
                    .run(backup, sample);
            progress.close();
            if (!output.isTable()) {
                output.print(r, io.out());
            } else {
                r.damage().forEach(io.err()::println);
                io.out()
                        .printf(
                                Locale.ROOT,
                                "verify of %s %s: %d chunks (%d%%) checked, %s, %d damaged, %.1f s%n",
                                r.backup(),
                                r.damage().isEmpty() ? "passed" : "FAILED",
                                r.checked(),
                                sample,
                                Progress.bytes(r.bytes()),
                                r.damage().size(),
                                r.seconds());
            }
            return ExitStatus.of(r.phase());
        }
    }
}
