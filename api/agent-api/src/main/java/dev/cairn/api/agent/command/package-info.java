/**
 * Commands, v1: what a tenant asks its cluster's agent to do (the specs of each kind), what one long-poll hands the
 * agent ({@link dev.cairn.api.agent.command.Delivery}), and what the agent reports back while it works and when it
 * is done ({@link dev.cairn.api.agent.command.StatusReport} with {@link dev.cairn.api.agent.command.Progress} and
 * a final {@link dev.cairn.api.agent.command.BackupReport} or {@link dev.cairn.api.agent.command.RestoreReport}).
 * Room for more kinds: a kind adds its spec and report records and a constant of {@link
 * dev.cairn.api.agent.command.CommandKind}.
 */
package dev.cairn.api.agent.command;
