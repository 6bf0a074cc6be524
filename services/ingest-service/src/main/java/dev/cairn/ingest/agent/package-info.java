/** Agents as ingest sees them: tenant, status and MAC key. */
package dev.cairn.ingest.agent;
