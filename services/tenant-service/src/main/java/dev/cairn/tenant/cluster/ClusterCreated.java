package dev.cairn.tenant.cluster;

/** A new cluster and how to install its agent. */
public record ClusterCreated(ClusterView cluster, Registration registration) {}
