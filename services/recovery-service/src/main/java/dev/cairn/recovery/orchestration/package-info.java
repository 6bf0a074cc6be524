/**
 * The recovery state machine's steps (docs/adr/0018): each due recovery is stepped under its row lock by one
 * instance; every action a step takes is idempotent (the RESTORE command is keyed by the recovery's id, a pin is a
 * PUT, checks only read), so a SIGKILL anywhere resumes in the recorded state. The other services are reached through
 * {@link dev.cairn.recovery.orchestration.Sources} and {@link dev.cairn.recovery.orchestration.Commands}.
 */
package dev.cairn.recovery.orchestration;
