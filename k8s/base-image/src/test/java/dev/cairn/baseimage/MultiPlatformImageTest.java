package dev.cairn.baseimage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The platforms a multi-platform index names, from each image's configuration as Jib wrote it. */
class MultiPlatformImageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anArm64ImageWithoutAVariantIsNamedArm64V8() throws Exception {
        assertThat(MultiPlatformImage.platform(JSON.readTree("{\"architecture\":\"arm64\",\"os\":\"linux\"}")))
                .isEqualTo(JSON.readTree("{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}"));
    }

    @Test
    void anAmd64ImageHasNoVariantAndAGivenVariantIsKept() throws Exception {
        assertThat(MultiPlatformImage.platform(JSON.readTree("{\"architecture\":\"amd64\",\"os\":\"linux\"}")))
                .isEqualTo(JSON.readTree("{\"architecture\":\"amd64\",\"os\":\"linux\"}"));
        assertThat(MultiPlatformImage.platform(
                        JSON.readTree("{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}")))
                .isEqualTo(JSON.readTree("{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}"));
    }
}
