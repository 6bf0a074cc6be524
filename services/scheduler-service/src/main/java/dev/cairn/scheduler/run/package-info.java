/** Policy runs: each fire (or "run now"), its BACKUP command, and how it ended. */
package dev.cairn.scheduler.run;
