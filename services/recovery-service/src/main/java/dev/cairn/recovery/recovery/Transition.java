package dev.cairn.recovery.recovery;

import java.time.Instant;

/**
 * One transition of a recovery.
 *
 * @param from the phase it left; absent for the first
 * @param to the phase it entered
 */
public record Transition(RecoveryPhase from, RecoveryPhase to, Instant at, String reason) {}
