/** Clusters and their agents: registration with one-time tokens, heartbeats, revocation. */
package dev.cairn.tenant.cluster;
