package dev.cairn.api.agent.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.api.agent.Outcome;
import dev.cairn.api.agent.backup.BackupPhase;
import org.junit.jupiter.api.Test;

class PhasesAndProgressTest {
    @Test
    void aRunsOutcomeIsTheCommandsFinalPhase() {
        assertThat(CommandPhase.of(Outcome.Completed)).isEqualTo(CommandPhase.Completed);
        assertThat(CommandPhase.of(Outcome.PartiallyFailed)).isEqualTo(CommandPhase.PartiallyFailed);
        assertThat(CommandPhase.of(Outcome.Failed)).isEqualTo(CommandPhase.Failed);
        for (Outcome outcome : Outcome.values()) {
            assertThat(CommandPhase.of(outcome).isFinal()).isTrue();
        }
        assertThat(CommandPhase.Running.isFinal()).isFalse();
        assertThat(CommandPhase.Delivered.isFinal()).isFalse();
    }

    @Test
    void aBackupThatNeverBecameDurableIsAFailedRun() {
        assertThat(BackupPhase.Completed.outcome()).isEqualTo(Outcome.Completed);
        assertThat(BackupPhase.PartiallyFailed.outcome()).isEqualTo(Outcome.PartiallyFailed);
        assertThat(BackupPhase.Committing.outcome()).isEqualTo(Outcome.Failed);
        assertThat(BackupPhase.InProgress.outcome()).isEqualTo(Outcome.Failed);
    }

    @Test
    void progressHasARateAndAnEtaOnlyOnceTheTotalIsKnown() {
        Progress halfway = Progress.of("reading", 10, 500, 20, 1000, 5.0);
        assertThat(halfway.bytesPerSecond()).isEqualTo(100);
        assertThat(halfway.etaSeconds()).isEqualTo(5L);
        assertThat(Progress.of(null, 0, 500, -1, -1, 5.0).etaSeconds()).isNull();
        assertThat(Progress.of(null, 0, 0, 0, 1000, 0).etaSeconds()).isNull();
    }
}
