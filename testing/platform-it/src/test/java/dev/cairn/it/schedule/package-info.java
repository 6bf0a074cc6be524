/** Integration tests of backup policies, their schedules, runs and retention (scheduler service). */
package dev.cairn.it.schedule;
