/**
 * The in-cluster agent's Kubernetes side: discovering and backing up API objects as a {@code Source}, and restoring
 * them in dependency order with mappings, an existing-object policy and a preview.
 */
package dev.cairn.agent.kube;
