/** {@code cairn recovery}: recoveries into any of the tenant's clusters, followed to their end. */
package dev.cairn.cli.recovery;
