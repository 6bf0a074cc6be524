package dev.cairn.agent.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativeFilesDeviceTest {
    @ParameterizedTest
    @CsvSource({
        // major, minor, glibc dev_t (makedev)
        "1, 3, 259", // /dev/null
        "8, 1, 2049", // /dev/sda1
        "259, 0, 66304", // NVMe: a major over 255
        "4095, 1048575, 4294967295", // the largest 12-bit major and 20-bit minor
        "4096, 256, 17592187092992", // a major and a minor past those: the high bits
    })
    void deviceNumbersConvertBothWaysAsGlibcEncodesThem(long major, long minor, long devT) {
        long device = (major << 32) | minor;
        assertThat(NativeFiles.devT(device)).isEqualTo(devT);
        assertThat(NativeFiles.device(devT)).isEqualTo(device);
    }
}
