/** {@code cairn command list|get|cancel}, and following a command sent to a cluster's agent to its end. */
package dev.cairn.cli.command;
