package dev.cairn.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Test fixture: a registered agent's folder (credentials.json, agent-key.pem, state) and the command line's local
 * runs with it ({@code cairn backup local}, {@code restore local}, {@code verify}), in the test JVM exactly as
 * {@code ./cairn} runs them.
 */
public final class LocalAgent {
    private final Path home;

    /** What one command printed and its exit status. */
    public record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + out + "\n" + err;
        }

        public JsonNode json() {
            try {
                return Api.JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out + "\n" + err, e);
            }
        }
    }

    public LocalAgent(Agents.Registered agent, Path home) {
        this.home = home;
        try {
            Files.createDirectories(home);
            Files.writeString(
                    home.resolve("credentials.json"), agent.credentials().toPrettyString());
            Files.writeString(
                    home.resolve("agent-key.pem"),
                    "-----BEGIN PRIVATE KEY-----\n"
                            + Base64.getMimeEncoder()
                                    .encodeToString(agent.keys().getPrivate().getEncoded())
                            + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    /** Runs a command with {@code -o json}, against the test platform's entry point. */
    public Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "-o",
                "json",
                "--agent",
                home.toString(),
                "--platform",
                TestPlatform.get().entryPoint()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Cli.run(all.toArray(String[]::new), o, e);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Backs {@code dir} up; asserts nothing. */
    public Run backup(Path dir) {
        return run("backup", "local", dir.toString());
    }

    public Run restore(String backupId, Path dir) {
        return run("restore", "local", backupId, dir.toString());
    }
}
