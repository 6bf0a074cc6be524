package dev.cairn.cli.platform;

/** A failure the user can act on: its message is printed as is, and the CLI exits with status 1. */
public class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
