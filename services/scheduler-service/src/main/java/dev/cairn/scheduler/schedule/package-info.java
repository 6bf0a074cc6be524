/**
 * Schedules: cron in a time zone (crontab's five fields, made Quartz's) or an interval, with a stable per-policy
 * jitter; pure logic, the same on every scheduler instance.
 */
package dev.cairn.scheduler.schedule;
