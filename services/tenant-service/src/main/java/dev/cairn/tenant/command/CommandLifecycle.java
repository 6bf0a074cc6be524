package dev.cairn.tenant.command;

import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.platform.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;

/**
 * A command's state machine as pure functions (docs/protocol.md, "Agent commands"): what a poll, a report and a
 * cancel do to a command's state. {@link CommandService} loads the state, applies one of these and stores the answer
 * in the same transaction; the transitions themselves are unit-tested here without a database.
 */
final class CommandLifecycle {
    private CommandLifecycle() {}

    /**
     * The part of a command the lifecycle changes.
     *
     * @param deliveries how often it was handed out
     * @param leaseUntil until when a delivered command waits for the agent's Running report
     */
    record State(
            CommandPhase phase,
            int deliveries,
            Instant deliveredAt,
            Instant leaseUntil,
            boolean cancelRequested,
            Instant startedAt,
            Instant finishedAt,
            String message) {

        /** A new command. */
        static State queued() {
            return new State(CommandPhase.Queued, 0, null, null, false, null, null, null);
        }
    }

    /** Whether a poll may hand the command out now: Queued, or Delivered and its lease ran out (the agent restarted). */
    static boolean deliverable(State s, Instant now) {
        return s.phase() == CommandPhase.Queued
                || (s.phase() == CommandPhase.Delivered
                        && s.leaseUntil() != null
                        && s.leaseUntil().isBefore(now));
    }

    /**
     * A poll takes a deliverable command: Delivered under a new lease, or Failed once it was handed out {@code
     * maxDeliveries} times without ever starting (the agent may crash on it).
     */
    static State deliver(State s, Instant now, Duration lease, int maxDeliveries) {
        if (!deliverable(s, now)) {
            throw new IllegalStateException("a " + s.phase() + " command under lease is not deliverable");
        }
        if (s.deliveries() >= maxDeliveries) {
            return new State(
                    CommandPhase.Failed,
                    s.deliveries(),
                    s.deliveredAt(),
                    s.leaseUntil(),
                    s.cancelRequested(),
                    s.startedAt(),
                    now,
                    "delivered " + s.deliveries() + " times and never started: the agent may crash on it");
        }
        return new State(
                CommandPhase.Delivered,
                s.deliveries() + 1,
                now,
                now.plus(lease),
                s.cancelRequested(),
                s.startedAt(),
                s.finishedAt(),
                s.message());
    }

    /**
     * The agent reports {@code reported} (Running or a final phase): 409 for a command that is final already or that
     * was never handed out. The lease ends with the first report; a final phase finishes the command.
     */
    static State report(State s, CommandPhase reported, String message, Instant now) {
        if (s.phase().isFinal()) {
            throw ProblemException.conflict("the command is " + s.phase() + " already");
        }
        if (s.phase() == CommandPhase.Queued) {
            throw ProblemException.conflict("the command was not delivered to this agent yet");
        }
        if (reported != CommandPhase.Running && !reported.isFinal()) {
            throw ProblemException.badRequest("an agent reports Running or a final phase, not " + reported);
        }
        return new State(
                reported,
                s.deliveries(),
                s.deliveredAt(),
                null,
                s.cancelRequested(),
                s.startedAt() == null ? now : s.startedAt(),
                reported.isFinal() ? now : s.finishedAt(),
                message != null ? message : s.message());
    }

    /**
     * The tenant cancels: a command no agent has is Cancelled at once; one an agent has is marked, and the agent is
     * told on its next poll or report. 409 for a finished command.
     */
    static State cancel(State s, Instant now) {
        if (s.phase().isFinal()) {
            throw ProblemException.conflict("the command is " + s.phase() + " already");
        }
        if (s.phase() == CommandPhase.Queued) {
            return new State(
                    CommandPhase.Cancelled,
                    s.deliveries(),
                    s.deliveredAt(),
                    s.leaseUntil(),
                    true,
                    s.startedAt(),
                    now,
                    "cancelled before the agent took it");
        }
        return new State(
                s.phase(),
                s.deliveries(),
                s.deliveredAt(),
                s.leaseUntil(),
                true,
                s.startedAt(),
                s.finishedAt(),
                s.message());
    }

    /** Whether the agent should be told to stop: the tenant asked, and the command is not finished. */
    static boolean cancelPending(State s) {
        return s.cancelRequested() && !s.phase().isFinal();
    }
}
