/** How the agent reads and writes the contract's JSON: one mapper, tolerant of fields a newer platform adds. */
package dev.cairn.agent.json;
