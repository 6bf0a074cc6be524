/**
 * The {@code cairn} command line (picocli): the root command, how it runs and exits ({@link dev.cairn.cli.Cli},
 * {@link dev.cairn.cli.ExitStatus}); each noun in its own package.
 */
package dev.cairn.cli;
