/** The recovery service as the scheduler calls it (the HTTP edge of {@code fire}'s drills). */
package dev.cairn.scheduler.recoveryapi;
