/** Backup policies: what a tenant backs up, on which cluster, when, and what it keeps. */
package dev.cairn.scheduler.policy;
