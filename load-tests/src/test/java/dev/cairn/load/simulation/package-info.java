/**
 * Gatling simulations (Java DSL) of the public API, the partner API and the agent control plane, run by
 * {@code ./cairn load api|partner|agents}; their HTML reports are written under {@code load-tests/target/gatling/}.
 */
package dev.cairn.load.simulation;
