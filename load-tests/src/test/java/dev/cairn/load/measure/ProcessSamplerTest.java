package dev.cairn.load.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {
    @Test
    void readsResidentMemoryAndThreadsOutOfAProcStatusFile() {
        ProcessSampler.Status s = ProcessSampler.parseStatus(List.of(
                "Name:\tjava", "VmPeak:\t 4000000 kB", "VmRSS:\t  262144 kB", "RssAnon:\t  200000 kB", "Threads:\t57"));

        assertThat(s.rssBytes()).isEqualTo(256L << 20);
        assertThat(s.threads()).isEqualTo(57);
    }

    @Test
    void samplesAProcessAtOnce() {
        try (ProcessSampler sampler = new ProcessSampler(ProcessHandle.current().pid())) {
            assertThat(sampler.maxThreads()).isPositive();
            assertThat(sampler.maxRssBytes()).isGreaterThan(1 << 20);
        }
    }
}
