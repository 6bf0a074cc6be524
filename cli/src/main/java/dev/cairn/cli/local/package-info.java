/**
 * What the commands that run the agent's code on this machine share: the local agent's folder, live progress,
 * and a Kubernetes client for {@code --kubernetes}.
 */
package dev.cairn.cli.local;
