package dev.cairn.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings every service shares that keep it safe, where a service cannot lose them by accident. */
class SharedConfigTest {

    @Test
    void everyServiceRefusesUnannotatedEndpointsAndMisspeltFields() throws IOException {
        Properties shared = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shared.load(in);
        }
        assertThat(shared)
                .containsEntry("quarkus.security.jaxrs.deny-unannotated-endpoints", "true")
                .containsEntry("quarkus.jackson.fail-on-unknown-properties", "true")
                .containsEntry("quarkus.http.auth.proactive", "false");
    }
}
