/**
 * The in-cluster agent's long-running mode: registration with the one-time token (credentials kept in a Kubernetes
 * Secret), heartbeats, and the command loop over the outbound long-poll with backoff; each command runs through
 * {@code dev.cairn.agent.command}.
 */
package dev.cairn.agent.daemon;
