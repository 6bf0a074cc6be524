package dev.cairn.tenant.command;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.OptimisticLockException;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.Test;

class LostRaceTest {
    @Test
    void anOptimisticLockFailureIsFoundWhereverTheCommitWrappedIt() {
        // as a commit reports it: the transaction manager's exception around the persistence provider's
        assertThat(CommandService.lostRace(new IllegalStateException(
                        "commit failed", new RuntimeException("rolled back", new OptimisticLockException("version")))))
                .isTrue();
        assertThat(CommandService.lostRace(new RuntimeException(new StaleObjectStateException("AgentCommand", 1))))
                .isTrue();
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        assertThat(CommandService.lostRace(new IllegalStateException("no such command")))
                .isFalse();
        assertThat(CommandService.lostRace(new RuntimeException(new java.io.IOException("disk"))))
                .isFalse();
    }
}
