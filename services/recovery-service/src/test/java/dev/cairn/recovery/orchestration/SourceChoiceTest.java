package dev.cairn.recovery.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceChoiceTest {
    private static Sources.RegionState home(boolean answers, int present) {
        return new Sources.RegionState("eu-west-1", "home", answers, 10, present, present * 100L, problems(present));
    }

    private static Sources.RegionState dr(boolean answers, int present) {
        return new Sources.RegionState("us-east-1", "dr", answers, 10, present, present * 100L, problems(present));
    }

    private static List<String> problems(int present) {
        return present == 10 ? List.of() : List.of("tenants/t/packs/p: missing");
    }

    @Test
    void theHomeRegionIsChosenWhenItHoldsTheWholeBackup() {
        SourceChoice c = SourceChoice.choose(List.of(home(true, 10), dr(true, 10)));
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.reason()).isEqualTo("home region eu-west-1 holds the whole backup (10 objects, 1000 bytes)");
    }

    @Test
    void theDrRegionIsChosenWhenHomeDoesNotAnswerOrLacksAnObject() {
        SourceChoice down = SourceChoice.choose(List.of(home(false, 0), dr(true, 10)));
        assertThat(down.region()).isEqualTo("us-east-1");
        assertThat(down.reason()).contains("dr region us-east-1 holds the whole backup", "eu-west-1 does not answer");

        SourceChoice lacking = SourceChoice.choose(List.of(home(true, 9), dr(true, 10)));
        assertThat(lacking.region()).isEqualTo("us-east-1");
        assertThat(lacking.reason()).contains("lacks 1 of 10 objects (tenants/t/packs/p: missing)");
    }

    @Test
    void noRegionIsChosenWhenNoneHoldsTheWholeBackupAndWaitingHelpsOnlyWhenOneIsSilent() {
        SourceChoice partial = SourceChoice.choose(List.of(home(true, 9), dr(true, 3)));
        assertThat(partial.region()).isNull();
        assertThat(partial.mayPass()).isFalse();
        assertThat(partial.reason()).startsWith("no region holds the whole backup");

        SourceChoice silent = SourceChoice.choose(List.of(home(false, 0), dr(true, 3)));
        assertThat(silent.region()).isNull();
        assertThat(silent.mayPass()).isTrue();

        SourceChoice onlyHome = SourceChoice.choose(List.of(home(false, 0)));
        assertThat(onlyHome.region()).isNull();
        assertThat(onlyHome.mayPass()).isTrue();
    }
}
