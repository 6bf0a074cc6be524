/**
 * Commands to agents: a tenant asks for a backup now, a restore (or its preview), or cancels one; the agent takes
 * them over its outbound-only long-poll and reports progress and a final report back. Tenant and cluster always come
 * from the caller's token.
 */
package dev.cairn.tenant.command;
