/**
 * The restore wizard: a backup, a target cluster, namespace and storage-class mappings and the existing-resource
 * policy; the preview (what would be created, skipped, updated) before anything runs; then the recovery with its
 * live progress, verification and signed report. Recoveries and drills are listed here too.
 */
package dev.cairn.portal.restore;
