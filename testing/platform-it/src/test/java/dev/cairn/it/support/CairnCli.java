package dev.cairn.it.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs the command line inside the test JVM, as {@code ./cairn} runs it (the same {@code Cli.run}, with
 * {@code CAIRN_URL} and {@code CAIRN_CONFIG} as system properties): a JVM start for each command would be most of a
 * test's time. One run at a time across classes, since the properties and standard input are the JVM's.
 */
public final class CairnCli {
    private CairnCli() {}

    /**
     * What a run printed and answered.
     *
     * @param status the exit status
     * @param out standard output, trimmed
     * @param err standard error, trimmed
     */
    public record Result(int status, String out, String err) {}

    /** Runs {@code cairn args...} with {@code stdin}, its configuration (credentials) in {@code config}. */
    public static synchronized Result run(Path config, String stdin, String... args) {
        InputStream in = System.in;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        System.setProperty("cairn.url", TestPlatform.get().entryPoint());
        System.setProperty("cairn.config", config.toString());
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int status = dev.cairn.cli.Cli.run(
                    args,
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Result(
                    status,
                    out.toString(StandardCharsets.UTF_8).trim(),
                    err.toString(StandardCharsets.UTF_8).trim());
        } finally {
            System.setIn(in);
            System.clearProperty("cairn.url");
            System.clearProperty("cairn.config");
        }
    }
}
