/**
 * Recoveries as the tenant asks for and sees them ({@code /api/v1/recoveries}): the record, its transitions, and the
 * checks of a request (the target cluster and the backup are the caller's own).
 */
package dev.cairn.recovery.recovery;
