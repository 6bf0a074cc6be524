/**
 * Backups: the list with filters, the live progress of running ones (bytes, files, rate, ETA), a backup's details
 * (what it protects against what it added to storage, its copy in the DR region), and deletion.
 */
package dev.cairn.portal.backup;
