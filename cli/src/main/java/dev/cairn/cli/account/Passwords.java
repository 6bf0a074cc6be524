package dev.cairn.cli.account;

import dev.cairn.cli.platform.CliException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/** Where a password comes from: the terminal (asked, never echoed) or the first line of standard input. */
final class Passwords {
    @Option(
            names = "--password-stdin",
            description = "Read the password from the first line of standard input (for scripts).")
    boolean fromStdin;

    /** The password; asked twice on a terminal when {@code confirm}. */
    String read(String prompt, boolean confirm) {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw new CliException("no password on standard input");
                }
                return line;
            } catch (IOException e) {
                throw new CliException("cannot read the password: " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new CliException("no terminal to ask the password on: pass --password-stdin");
        }
        String password = new String(console.readPassword(prompt));
        if (confirm && !password.equals(new String(console.readPassword("Again: ")))) {
            throw new CliException("the passwords differ");
        }
        return password;
    }
}
