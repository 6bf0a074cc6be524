/** {@code cairn cluster list|add|get|revoke}: the tenant's clusters and their agents. */
package dev.cairn.cli.cluster;
