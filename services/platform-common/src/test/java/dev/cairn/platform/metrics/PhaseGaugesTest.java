package dev.cairn.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseGaugesTest {
    enum Phase {
        Queued,
        Running,
        Done
    }

    @Test
    void everyPhaseIsExportedFromTheStartAndSetFromACount() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        PhaseGauges gauges = new PhaseGauges(metrics, "cairn.things", "things by phase", Phase.class);
        assertThat(metrics.find("cairn.things").gauges()).hasSize(3);
        assertThat(metrics.get("cairn.things").tag("phase", "Done").gauge().value())
                .isZero();

        gauges.set(Map.of("Queued", 4L, "Running", 2L, "Vanished", 9L));
        assertThat(metrics.get("cairn.things").tag("phase", "Queued").gauge().value())
                .isEqualTo(4);
        assertThat(metrics.get("cairn.things").tag("phase", "Running").gauge().value())
                .isEqualTo(2);

        gauges.set(Map.of("Done", 1L));
        assertThat(metrics.get("cairn.things").tag("phase", "Queued").gauge().value())
                .isZero();
        assertThat(gauges.get("Done")).isOne();
    }
}
