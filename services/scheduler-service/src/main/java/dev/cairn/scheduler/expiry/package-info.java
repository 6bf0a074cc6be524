/** Retention applied: a policy's backups that its rules no longer keep are deleted; the preview says why. */
package dev.cairn.scheduler.expiry;
