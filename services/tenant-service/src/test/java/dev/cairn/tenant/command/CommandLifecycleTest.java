package dev.cairn.tenant.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.agent.command.CommandPhase;
import dev.cairn.platform.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    @Test
    void aQueuedCommandIsDeliveredUnderALease() {
        CommandLifecycle.State s = CommandLifecycle.deliver(CommandLifecycle.State.queued(), T0, LEASE, 5);
        assertThat(s.phase()).isEqualTo(CommandPhase.Delivered);
        assertThat(s.deliveries()).isEqualTo(1);
        assertThat(s.leaseUntil()).isEqualTo(T0.plus(LEASE));
        assertThat(CommandLifecycle.deliverable(s, T0.plus(LEASE).minusSeconds(1)))
                .isFalse();
    }

    @Test
    void aDeliveredCommandWhoseLeaseRanOutIsDeliveredAgain() {
        CommandLifecycle.State first = CommandLifecycle.deliver(CommandLifecycle.State.queued(), T0, LEASE, 5);
        Instant later = T0.plus(LEASE).plusSeconds(1);
        assertThat(CommandLifecycle.deliverable(first, later)).isTrue();
        CommandLifecycle.State second = CommandLifecycle.deliver(first, later, LEASE, 5);
        assertThat(second.deliveries()).isEqualTo(2);
        assertThat(second.leaseUntil()).isEqualTo(later.plus(LEASE));
        assertThatThrownBy(() -> CommandLifecycle.deliver(second, later, LEASE, 5))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCommandHandedOutTheMostTimesWithoutStartingFails() {
        CommandLifecycle.State s = CommandLifecycle.State.queued();
        Instant now = T0;
        for (int i = 0; i < 3; i++) {
            s = CommandLifecycle.deliver(s, now, LEASE, 3);
            now = now.plus(LEASE).plusSeconds(1);
        }
        CommandLifecycle.State failed = CommandLifecycle.deliver(s, now, LEASE, 3);
        assertThat(failed.phase()).isEqualTo(CommandPhase.Failed);
        assertThat(failed.finishedAt()).isEqualTo(now);
        assertThat(failed.message()).contains("delivered 3 times");
    }

    @Test
    void theFirstReportEndsTheLeaseAndAFinalOneFinishes() {
        CommandLifecycle.State delivered = CommandLifecycle.deliver(CommandLifecycle.State.queued(), T0, LEASE, 5);
        CommandLifecycle.State running =
                CommandLifecycle.report(delivered, CommandPhase.Running, null, T0.plusSeconds(1));
        assertThat(running.leaseUntil()).isNull();
        assertThat(running.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(CommandLifecycle.deliverable(running, T0.plus(Duration.ofHours(1))))
                .isFalse();
        CommandLifecycle.State done =
                CommandLifecycle.report(running, CommandPhase.Completed, "backup x Completed", T0.plusSeconds(9));
        assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(done.message()).isEqualTo("backup x Completed");
        assertThatThrownBy(() -> CommandLifecycle.report(done, CommandPhase.Running, null, T0.plusSeconds(10)))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("Completed already");
    }

    @Test
    void aReportForACommandNeverHandedOutOrOfAPhaseAgentsDoNotReportIsRefused() {
        assertThatThrownBy(
                        () -> CommandLifecycle.report(CommandLifecycle.State.queued(), CommandPhase.Running, null, T0))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("not delivered");
        CommandLifecycle.State delivered = CommandLifecycle.deliver(CommandLifecycle.State.queued(), T0, LEASE, 5);
        assertThatThrownBy(() -> CommandLifecycle.report(delivered, CommandPhase.Queued, null, T0))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void aCancelEndsAQueuedCommandAndMarksOneTheAgentHas() {
        CommandLifecycle.State cancelled = CommandLifecycle.cancel(CommandLifecycle.State.queued(), T0);
        assertThat(cancelled.phase()).isEqualTo(CommandPhase.Cancelled);
        assertThat(cancelled.finishedAt()).isEqualTo(T0);
        assertThat(CommandLifecycle.cancelPending(cancelled)).isFalse();

        CommandLifecycle.State delivered = CommandLifecycle.deliver(CommandLifecycle.State.queued(), T0, LEASE, 5);
        CommandLifecycle.State marked = CommandLifecycle.cancel(delivered, T0);
        assertThat(marked.phase()).isEqualTo(CommandPhase.Delivered);
        assertThat(CommandLifecycle.cancelPending(marked)).isTrue();
        CommandLifecycle.State stopped =
                CommandLifecycle.report(marked, CommandPhase.Cancelled, "cancelled by the tenant", T0.plusSeconds(2));
        assertThat(CommandLifecycle.cancelPending(stopped)).isFalse();
        assertThatThrownBy(() -> CommandLifecycle.cancel(stopped, T0.plusSeconds(3)))
                .isInstanceOf(ProblemException.class);
    }
}
