package dev.cairn.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItems;

import dev.cairn.it.support.Api;
import dev.cairn.it.support.TestPlatform;
import dev.cairn.testing.platform.Platform;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The platform database is a real PostgreSQL: one schema and role per service, migrated by Flyway. */
class DatabaseIT {
    static final List<String> SERVICES = Platform.SERVICES;

    @Test
    void rowsWrittenThroughPanacheAreInPostgresAndReadBackThroughTheApi() throws SQLException {
        Platform platform = TestPlatform.get();
        // the tenant service persisted the configured regions through Panache when it started
        List<String> stored = new ArrayList<>();
        try (Connection c = platform.postgres().connect(Platform.DATABASE);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT code FROM tenant.region WHERE active ORDER BY code")) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        assertThat(stored).containsExactly("eu-west-1", "us-east-1");

        // a row added behind its back is read back through Panache by the API
        try (Connection c = platform.postgres().connect(Platform.DATABASE);
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenant.region (code, display_name) VALUES ('it-region', 'IT region')"
                    + " ON CONFLICT (code) DO NOTHING");
        }
        try {
            Api.anonymous()
                    .when()
                    .get("/api/v1/regions")
                    .then()
                    .statusCode(200)
                    .body("code", hasItems("eu-west-1", "us-east-1", "it-region"));
        } finally {
            try (Connection c = platform.postgres().connect(Platform.DATABASE);
                    Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM tenant.region WHERE code = 'it-region'");
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void flywayMigratedEachServiceIntoItsOwnSchema(String service) throws SQLException {
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + service
                        + "\".flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aServiceRoleCannotReadAnotherServicesSchema() throws SQLException {
        Platform platform = TestPlatform.get();
        try (Connection c = DriverManager.getConnection(
                        platform.postgres().jdbcUrl(Platform.DATABASE),
                        "tenant_service",
                        platform.databasePassword("tenant"));
                Statement s = c.createStatement()) {
            s.executeQuery("SELECT count(*) FROM tenant.region").close();
            assertThatThrownBy(() -> s.executeQuery("SELECT count(*) FROM ingest.chunk"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void aWrongDatabasePasswordIsRefused() {
        Platform platform = TestPlatform.get();
        assertThatThrownBy(() -> DriverManager.getConnection(
                        platform.postgres().jdbcUrl(Platform.DATABASE), "tenant_service", "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }
}
