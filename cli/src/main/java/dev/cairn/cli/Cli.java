package dev.cairn.cli;

import dev.cairn.cli.platform.CliException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the {@code cairn} command line: parses with picocli, runs the command, and maps what happened to the exit
 * status of {@link ExitStatus}. A usage error prints what was wrong and where to find help, never a stack trace;
 * a failure prints its message ({@code CAIRN_DEBUG=1} adds the stack trace).
 */
public final class Cli {
    private Cli() {}

    public static void main(String[] args) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        System.exit(run(args, new Io(System.out, System.err, terminal)));
    }

    /** Runs {@code args}; answers the exit status. */
    public static int run(String[] args, Io io) {
        return commandLine(io).execute(args);
    }

    /** Runs {@code args} writing to {@code out} and {@code err}, not on a terminal (for tests and embedding). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, new Io(out, err, false));
    }

    /** The whole command tree, with its handlers, writing to {@code io}. */
    static CommandLine commandLine(Io io) {
        CommandLine commandLine = new CommandLine(new CairnCommand(), new Factory(io));
        commandLine
                .setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setAbbreviatedOptionsAllowed(false)
                .setUsageHelpWidth(110)
                .setParameterExceptionHandler(Cli::usageError)
                .setExecutionExceptionHandler((e, command, parseResult) -> failure(e, command))
                .setExitCodeExceptionMapper(e -> ExitStatus.FAILED);
        return commandLine;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        List<String> unmatched = command.getUnmatchedArguments();
        // an unknown option is the error to name, even when picocli found a missing one first
        err.println(qualifiedName(command) + ": "
                + (unmatched.isEmpty() || e instanceof CommandLine.UnmatchedArgumentException
                        ? e.getMessage()
                        : "Unknown option or argument: '" + String.join("', '", unmatched) + "'"));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + qualifiedName(command) + " --help'.");
        return ExitStatus.USAGE;
    }

    private static int failure(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println(qualifiedName(command) + ": " + message);
        if (System.getenv("CAIRN_DEBUG") != null) {
            e.printStackTrace(err);
        } else if (!(e instanceof CliException)) {
            err.println("(CAIRN_DEBUG=1 shows where it failed)");
        }
        return ExitStatus.FAILED;
    }

    private static String qualifiedName(CommandLine command) {
        return command.getCommandSpec().qualifiedName();
    }

    /** Makes commands that take an {@link Io} with it, and everything else as picocli does. */
    private record Factory(Io io) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withIo = type.getDeclaredConstructor(Io.class);
                withIo.setAccessible(true);
                return withIo.newInstance(io);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
