package dev.cairn.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {
    @ParameterizedTest
    @CsvSource({
        "/api/v1/clusters, /api/v1/clusters",
        "/, /",
        "/api/v1/clusters/, /api/v1/clusters/",
        "/api/v1/clusters/../me, /api/v1/me",
        "/api/v1/backups/../../../q/health, /q/health",
        "/api/v1/%2e%2e/%2E%2E/internal/x, /internal/x",
        "/api/v1/backups/%2e/x, /api/v1/backups/x",
        "//api//v1///me, /api/v1/me",
        "/../../.., /",
        "/api/v1/clusters/.., /api/v1/",
        "/api/v1/%63lusters, /api/v1/clusters",
        "/api/v1/tenant/users/a%40b, /api/v1/tenant/users/a%40b",
        "/api/v1/tenant/users/a%3a, /api/v1/tenant/users/a%3A",
        "/api/v1/files/a%20b, /api/v1/files/a%20b",
        "/api/v1/x/...., /api/v1/x/....",
    })
    void aPathIsRoutedInItsNormalForm(String raw, String normal) throws Exception {
        assertThat(RequestPath.normalize(raw)).isEqualTo(normal);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/backups/..%2f..%2finternal/x",
                "/api/v1/backups/..%2F..%2Finternal/x",
                "/api/v1/backups/..%5cinternal",
                "/api/v1/backups\\..\\internal",
                "/api/v1/tenant/users/%00",
                "/api/v1/x/%0a",
                "/api/v1/x/%ZZ",
                "/api/v1/x/%2",
                "/api/v1/backups/..;x=1/internal",
                "/api/v1/backups/.;/internal",
                "api/v1/clusters",
                ""
            })
    void aPathWithoutANormalFormIsRefused(String raw) {
        assertThatThrownBy(() -> RequestPath.normalize(raw)).isInstanceOf(RequestPath.RefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=%ZZ", "limit=%", "limit=1%2", "a=%0", "q=\u0001", "q=\u007f"})
    void aQueryNoServiceCouldReadIsRefused(String raw) {
        assertThatThrownBy(() -> RequestPath.checkQuery(raw)).isInstanceOf(RequestPath.RefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=50", "cursor=abc%3D%3D&limit=1", "q=%C3%A9", "from=2026-12-01T00:00:00Z", ""})
    void aWellFormedQueryPasses(String raw) throws Exception {
        RequestPath.checkQuery(raw);
    }

    @Test
    void aNormalFormIsItsOwnNormalForm() throws Exception {
        for (String raw : new String[] {"/api/v1/clusters/../me", "//a/./b/%2e%2e/c/", "/a%41%7e"}) {
            String normal = RequestPath.normalize(raw);
            assertThat(RequestPath.normalize(normal)).isEqualTo(normal);
        }
    }
}
