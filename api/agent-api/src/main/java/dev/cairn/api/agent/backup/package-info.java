/**
 * Backups as agents drive them, v1: start one, ask which chunk ids the tenant lacks, commit the manifest (binary,
 * {@code dev.cairn.data.manifest}), read its state, locate its chunks for a restore, or give it up.
 */
package dev.cairn.api.agent.backup;
