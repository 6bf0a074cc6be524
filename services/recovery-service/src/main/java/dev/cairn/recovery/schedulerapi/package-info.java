/** The scheduler as the recovery service calls it (the HTTP edge of {@code recovery}). */
package dev.cairn.recovery.schedulerapi;
