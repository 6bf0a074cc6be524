/** {@code cairn replication}: how far the tenant's DR region is behind its home region. */
package dev.cairn.cli.replication;
