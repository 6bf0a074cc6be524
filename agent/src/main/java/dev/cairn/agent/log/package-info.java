/** The agent's log lines: text at a terminal, JSON in a cluster. */
package dev.cairn.agent.log;
