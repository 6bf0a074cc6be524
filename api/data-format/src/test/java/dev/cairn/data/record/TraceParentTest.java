package dev.cairn.data.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void aBackupsTraceIsItsIdUnderTheAgentsRunOfItSampledOnlyWhenAsked() {
        UUID backup = UUID.fromString("bac0b0b0-0000-4000-8000-00000000000c");

        String unsampled = TraceParent.ofBackup(backup);
        String sampled = TraceParent.ofBackup(backup, true);

        // the span: bac0b0b000004000 XOR 800000000000000c
        assertThat(unsampled).isEqualTo("00-bac0b0b000004000800000000000000c-3ac0b0b00000400c-00");
        assertThat(sampled).isEqualTo("00-bac0b0b000004000800000000000000c-3ac0b0b00000400c-01");
        assertThat(TraceParent.traceIdOf(sampled)).contains(TraceParent.traceId(backup));
        assertThat(TraceParent.sampled(sampled)).isTrue();
        assertThat(TraceParent.sampled(unsampled)).isFalse();
        // halves that cancel out would make the all-zero span id W3C forbids
        assertThat(TraceParent.backupSpanId(new UUID(42, 42))).isEqualTo("0000000000000001");
    }

    @Test
    void onlyATraceparentFlaggedSoIsSampled() {
        assertThat(TraceParent.sampled("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03"))
                .isTrue();
        assertThat(TraceParent.sampled("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02"))
                .isFalse();
        assertThat(TraceParent.sampled("not one-01")).isFalse();
        assertThat(TraceParent.sampled(null)).isFalse();
    }

    @Test
    void aChildStaysInItsParentsTraceWithANewSpanAndTheParentsSamplingFlag() {
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        String child = TraceParent.childOf(parent).orElseThrow();

        assertThat(child)
                .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(TraceParent.childOf("not one")).isEmpty();
        assertThat(TraceParent.childOf(null)).isEmpty();
    }

    @Test
    void whatIsNotATraceparentNamesNoTrace() {
        assertThat(TraceParent.traceIdOf(null)).isEmpty();
        assertThat(TraceParent.traceIdOf("not a traceparent")).isEmpty();
        assertThat(TraceParent.traceIdOf("00-00000000000000000000000000000000-0123456789abcdef-01"))
                .isEmpty();
        assertThat(TraceParent.traceIdOf("00-0123456789abcdef0123456789abcdef-0000000000000000-01"))
                .isEmpty();
        assertThat(TraceParent.traceIdOf("00-0123456789ABCDEF0123456789ABCDEF-0123456789abcdef-01"))
                .isEmpty();
        assertThat(TraceParent.traceIdOf("00-0123456789abcdef0123456789abcdef-0123456789abcdef-01"))
                .contains("0123456789abcdef0123456789abcdef");
    }
}
