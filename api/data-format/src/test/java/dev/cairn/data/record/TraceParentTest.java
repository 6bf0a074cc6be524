package dev.cairn.data.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TraceParentTest {

    @Test
    void aBackupsTraceIsItsIdWithANewSpanEachTimeAndNoSamplingDecision() {
        UUID backup = UUID.fromString("bac0b0b0-0000-4000-8000-00000000000c");

        String first = TraceParent.ofBackup(backup);
        String second = TraceParent.ofBackup(backup);

        assertThat(first).matches("00-bac0b0b000004000800000000000000c-[0-9a-f]{16}-00");
        assertThat(first).isNotEqualTo(second);
        assertThat(TraceParent.traceIdOf(first)).contains("bac0b0b000004000800000000000000c");
        assertThat(TraceParent.traceIdOf(second)).contains(TraceParent.traceId(backup));
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
