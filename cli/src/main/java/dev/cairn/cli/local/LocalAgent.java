package dev.cairn.cli.local;

import dev.cairn.agent.credentials.CredentialFiles;
import dev.cairn.agent.fs.RawPaths;
import dev.cairn.agent.progress.Progress;
import dev.cairn.agent.runtime.AgentRuntime;
import dev.cairn.cli.Io;
import dev.cairn.cli.output.Output;
import dev.cairn.cli.platform.CliException;
import dev.cairn.cli.platform.PlatformOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of commands that run the agent's code on this machine ({@code backup local}, {@code restore local},
 * {@code verify}) with a registered agent's credentials: the local platform's demo agent by default.
 */
public final class LocalAgent {
    @Option(
            names = "--agent",
            paramLabel = "DIR",
            description = "The local agent's folder: credentials and file cache (default: $CAIRN_AGENT_HOME, else"
                    + " $CAIRN_HOME/agent, else .cairn/agent, made by ./cairn up).")
    Path home;

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show live progress (bytes, files, rate, ETA) on standard error (default: on a terminal).")
    Boolean progress;

    @Mixin
    PlatformOption platform;

    /** The agent's credentials, platform client and state folder. */
    public AgentRuntime open(Io io) throws IOException {
        Path home = home();
        if (!Files.isRegularFile(home.resolve(CredentialFiles.ANSWER))) {
            throw new CliException("no agent credentials in " + home.toAbsolutePath()
                    + ": ./cairn up registers the local platform's agent there, or give --agent DIR");
        }
        if (!RawPaths.exact()) {
            io.err()
                    .println("cairn: warning: this JVM hides raw file names (start it with --add-opens "
                            + "java.base/sun.nio.fs=ALL-UNNAMED); names that are not UTF-8 would not round-trip");
        }
        return AgentRuntime.open(home, platform.explicitUrl());
    }

    /** Progress of a run, shown live on standard error when asked or on a terminal, for table output only. */
    public Progress progress(String verb, Io io, Output output) {
        Progress p = new Progress(verb);
        if ((progress != null ? progress : io.terminal()) && output.isTable()) {
            p.showOn(io.err());
        }
        return p;
    }

    /** Threads for fetching and writing chunks: the cores, between 2 and 4. */
    public static int threads() {
        return Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    private Path home() {
        if (home != null) {
            return home;
        }
        String agentHome = System.getenv("CAIRN_AGENT_HOME");
        if (agentHome != null && !agentHome.isBlank()) {
            return Path.of(agentHome);
        }
        String cairnHome = System.getenv("CAIRN_HOME");
        return Path.of(cairnHome != null && !cairnHome.isBlank() ? cairnHome : ".cairn", "agent");
    }
}
