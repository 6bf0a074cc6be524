package dev.cairn.it.support;

import dev.cairn.testing.platform.Platform;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/** Reads the ingest catalog of the shared test platform directly, as the crash and rebuild tests check it. */
public final class Catalog {
    private Catalog() {}

    /** The first column of the first row of {@code sql} with the tenant as its one parameter; 0 when no row. */
    public static long query(String sql, UUID tenant) throws Exception {
        try (Connection c = TestPlatform.get().postgres().connect(Platform.DATABASE);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
