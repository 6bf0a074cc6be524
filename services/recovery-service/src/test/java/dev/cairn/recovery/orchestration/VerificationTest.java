package dev.cairn.recovery.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.api.agent.Outcome;
import dev.cairn.api.agent.command.RestoreReport;
import dev.cairn.recovery.recovery.RecoveryPhase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VerificationTest {
    private static RestoreReport report(Outcome phase, int failed, List<RestoreReport.VolumeRestore> volumes) {
        return new RestoreReport(false, phase, 12, 1, 3, failed, List.of(), List.of(), 0, volumes, null);
    }

    private static RestoreReport.VolumeRestore volume(String state) {
        return new RestoreReport.VolumeRestore("shop", "data", UUID.randomUUID(), state, "node-1", 3, 100, "disk full");
    }

    private static final Sources.Sample WHOLE = new Sources.Sample("us-east-1", 32, 32, 4096, List.of());

    @Test
    void aCleanRestoreWithAWholeSampleIsCompleted() {
        Verification v = Verification.of(report(Outcome.Completed, 0, List.of(volume("Completed"))), WHOLE, false);
        assertThat(v.phase()).isEqualTo(RecoveryPhase.Completed);
        assertThat(v.objects()).isEqualTo(16);
        assertThat(v.volumesRestored()).isEqualTo(1);
        assertThat(v.problems()).isEmpty();
        assertThat(v.summary())
                .isEqualTo("16 objects of the backup applied (12 created, 1 updated, 3 left as they were, 0 failed),"
                        + " 1 volumes restored; 32 of 32 sampled chunks re-read whole from us-east-1");
    }

    @Test
    void aFailedObjectAFailedVolumeOrABadChunkMakesItPartiallyFailedWithTheReason() {
        assertThat(Verification.of(report(Outcome.PartiallyFailed, 2, List.of()), WHOLE, false))
                .satisfies(v -> {
                    assertThat(v.phase()).isEqualTo(RecoveryPhase.PartiallyFailed);
                    assertThat(v.problems())
                            .containsExactly(
                                    "2 objects were refused by the target cluster (the" + " report lists them)");
                });
        assertThat(Verification.of(report(Outcome.Completed, 0, List.of(volume("Failed"))), WHOLE, false))
                .satisfies(v -> {
                    assertThat(v.phase()).isEqualTo(RecoveryPhase.PartiallyFailed);
                    assertThat(v.volumesFailed()).isEqualTo(1);
                    assertThat(v.problems()).containsExactly("volume shop/data: disk full");
                });
        Sources.Sample bad = new Sources.Sample("eu-west-1", 32, 31, 4096, List.of("chunk ab in p: not a chunk"));
        assertThat(Verification.of(report(Outcome.Completed, 0, List.of()), bad, false))
                .satisfies(v -> {
                    assertThat(v.phase()).isEqualTo(RecoveryPhase.PartiallyFailed);
                    assertThat(v.problems()).containsExactly("chunk ab in p: not a chunk");
                });
    }

    @Test
    void aDrillIsCompletedOnlyWhenEveryScratchNamespaceItCreatedIsRemoved() {
        List<RestoreReport.Item> items = List.of(
                new RestoreReport.Item(RestoreReport.Action.CREATE, "namespaces", null, "drill-a1b2c3-shop", null),
                new RestoreReport.Item(RestoreReport.Action.CREATE, "namespaces", null, "drill-a1b2c3-billing", null),
                new RestoreReport.Item(RestoreReport.Action.SKIP, "namespaces", null, "kube-system", "exists"));
        RestoreReport removed = new RestoreReport(
                false,
                Outcome.Completed,
                2,
                0,
                1,
                0,
                List.of(),
                items,
                0,
                List.of(),
                List.of("drill-a1b2c3-shop", "drill-a1b2c3-billing"));
        assertThat(Verification.of(removed, WHOLE, true).phase()).isEqualTo(RecoveryPhase.Completed);
        assertThat(Verification.of(removed, WHOLE, true).summary()).endsWith("; 2 scratch namespaces removed");

        RestoreReport leftOne = removed.withRemoved(List.of("drill-a1b2c3-shop"));
        Verification v = Verification.of(leftOne, WHOLE, true);
        assertThat(v.phase()).isEqualTo(RecoveryPhase.PartiallyFailed);
        assertThat(v.problems()).containsExactly("scratch namespace drill-a1b2c3-billing was not removed");
    }
}
