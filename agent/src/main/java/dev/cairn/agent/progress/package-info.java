/** Progress of long work (files, bytes, rate, ETA) for a terminal, and the counters behind it. */
package dev.cairn.agent.progress;
