/** {@code cairn backup create|local|list|describe|delete}: backups of clusters (by their agents) and of directories. */
package dev.cairn.cli.backup;
