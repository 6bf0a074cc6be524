/**
 * The commands an agent takes from the platform, shared by the daemon and the command line: {@link
 * dev.cairn.agent.command.CommandRunner} reports Running with progress, watches for a cancel and sends the final
 * report; {@link dev.cairn.agent.command.BackupCommand} and {@link dev.cairn.agent.command.RestoreCommand} do the
 * work of each kind (Kubernetes objects through {@code kube}, pod volume data through {@code volume}).
 */
package dev.cairn.agent.command;
