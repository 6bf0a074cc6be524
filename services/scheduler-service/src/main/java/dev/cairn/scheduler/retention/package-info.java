/**
 * Retention: which of a policy's backups its rules keep (last N, grandfather-father-son, maximum age), and why. Pure
 * logic, the same for the preview and the expiry.
 */
package dev.cairn.scheduler.retention;
