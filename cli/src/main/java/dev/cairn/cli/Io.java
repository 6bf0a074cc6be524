package dev.cairn.cli;

import java.io.PrintStream;

/**
 * Where a command writes: {@code out} for what it answers (tables, JSON, YAML), {@code err} for progress, warnings
 * and errors, so that {@code cairn backup list -o json | jq} works.
 *
 * @param terminal whether {@code err} is a terminal (live progress is shown there by default)
 */
public record Io(PrintStream out, PrintStream err, boolean terminal) {}
