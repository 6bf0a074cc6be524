/**
 * The recovery service: recoveries (a backup restored into any cluster of its tenant, from the region that holds it
 * whole) run as a persisted state machine that survives a crash in any state (docs/adr/0018). Features:
 * {@code recovery} (the API and the record), {@code orchestration} (the state machine's steps), {@code report}
 * (signed reports, ADR 0019), {@code tenantapi}
 * and {@code ingestapi} (the other services, at the edge), {@code identity}, {@code fault}.
 */
package dev.cairn.recovery;
