/**
 * Backup policies: list, create and edit (with a cron helper that shows the next fires in the chosen time zone, and
 * the retention's preview), pause, resume and run now; each policy's runs.
 */
package dev.cairn.portal.policy;
