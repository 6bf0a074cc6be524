/**
 * Registration: the agent exchanges its one-time token for its credentials (docs/protocol.md, "Agent registration,
 * v1"), sending the public half of a key pair it makes, and keeps the answer with {@code credentials.CredentialFiles}.
 * The in-cluster agent registers this way, and so does the local platform's demo agent.
 */
package dev.cairn.agent.registration;
