package dev.cairn.cli.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://cairn.example.com",
                "https://cairn.example.com:8443/realms/cairn/protocol/openid-connect/token",
                "http://localhost:8080",
                "http://127.0.0.1:18080",
                "http://127.1.2.3",
                "http://[::1]:8080",
                "http://cairn.localhost"
            })
    void aPasswordGoesOverHttpsOrToThisMachine(String url) {
        assertThatCode(() -> Auth.requireSafeForPasswords(url)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://cairn.example.com",
                "http://10.0.0.5:8080",
                "http://127.0.0.1.evil.example",
                "http://localhost.evil.example",
                "ftp://127.0.0.1",
                "cairn.example.com"
            })
    void aPasswordIsNeverSentOverPlainHttpElsewhere(String url) {
        assertThatThrownBy(() -> Auth.requireSafeForPasswords(url))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("HTTPS only");
    }
}
