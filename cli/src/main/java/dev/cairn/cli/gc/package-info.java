/** {@code cairn gc}: platform operators' garbage collection (dry run unless told to apply) and its recorded runs. */
package dev.cairn.cli.gc;
