package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.api.agent.Outcome;
import dev.cairn.api.agent.command.CommandPhase;
import org.junit.jupiter.api.Test;

class ExitStatusTest {
    @Test
    void outcomesMapToTheDocumentedStatuses() {
        assertThat(ExitStatus.of(Outcome.Completed)).isZero();
        assertThat(ExitStatus.of(Outcome.Failed)).isEqualTo(1);
        assertThat(ExitStatus.of(Outcome.PartiallyFailed)).isEqualTo(3);
    }

    @Test
    void aCancelledCommandIsAFailureAndEveryFinalPhaseHasAStatus() {
        assertThat(ExitStatus.of(CommandPhase.Cancelled)).isEqualTo(ExitStatus.FAILED);
        for (Outcome outcome : Outcome.values()) {
            assertThat(ExitStatus.of(CommandPhase.of(outcome))).isEqualTo(ExitStatus.of(outcome));
        }
    }
}
