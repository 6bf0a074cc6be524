/**
 * The signed-in home page: clusters and their agents, the last backups, usage against the quota over time and the
 * replication lag; anything failing or missed stands out.
 */
package dev.cairn.portal.dashboard;
