package dev.cairn.tenant.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.platform.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Makes a thing once per {@code Idempotency-Key}. The key is claimed (with a hash of the request) before the thing is
 * made and given the made thing's id after; a repeat with the same request answers the thing again (through
 * {@code again}, which may renew a one-time secret the lost first answer carried), a repeat with another request is
 * {@code 422 idempotency-key-reused}, a repeat while the first still runs {@code 409 idempotency-key-in-progress}.
 * A first request that fails frees its key. Keys are scoped to who sent them (a tenant, a partner, an operator) and
 * to the operation.
 */
@ApplicationScoped
public class IdempotencyKeys {
    /** The longest key accepted (Stripe's limit is 255; ours is that of every other Cairn service). */
    public static final int MAX_KEY_LENGTH = 200;

    /** What a call made or answered again, and which of the two. */
    public record Outcome<T>(T result, boolean repeated) {}

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final IdempotencyConfig config;

    public IdempotencyKeys(AgroalDataSource db, ObjectMapper json, IdempotencyConfig config) {
        this.db = db;
        this.json = json;
        this.config = config;
    }

    /**
     * Makes the thing with {@code make}, or answers it again with {@code again} (given the id {@code idOf} took of
     * the first result) when this key made it before for the same request. Without a key, makes it.
     *
     * @param scope who sent the key ({@code tenant:<id>}, {@code partner:<id>}, {@code operator:<subject>})
     * @param operation what the key is for ({@code cluster.create})
     * @param request everything that defines the request (path parameters and body), hashed
     */
    public <T> Outcome<T> once(
            String scope,
            String operation,
            String key,
            Object request,
            Supplier<T> make,
            Function<T, String> idOf,
            Function<String, T> again) {
        if (key == null) {
            return new Outcome<>(make.get(), false);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidField("Idempotency-Key", "1 to " + MAX_KEY_LENGTH + " characters");
        }
        String hash = hash(operation, request);
        String earlier = claim(scope, operation, key, hash);
        if (earlier != null) {
            return new Outcome<>(again.apply(earlier), true);
        }
        T made;
        try {
            made = make.get();
        } catch (RuntimeException | Error e) {
            update("DELETE FROM idempotency_key WHERE scope = ? AND operation = ? AND key = ?", scope, operation, key);
            throw e;
        }
        update(
                "UPDATE idempotency_key SET resource_id = ? WHERE scope = ? AND operation = ? AND key = ?",
                idOf.apply(made),
                scope,
                operation,
                key);
        return new Outcome<>(made, false);
    }

    /** Null when this call claimed the key (make the thing); else the id of what the key made before. */
    private String claim(String scope, String operation, String key, String hash) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = db.getConnection()) {
                Instant now = Instant.now();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_key (scope, operation, key,"
                        + " request_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    bind(s, scope, operation, key, hash, Timestamp.from(now));
                    if (s.executeUpdate() == 1) {
                        return null;
                    }
                }
                try (PreparedStatement s = c.prepareStatement("SELECT request_hash, resource_id, created_at FROM"
                        + " idempotency_key WHERE scope = ? AND operation = ? AND key = ? FOR UPDATE")) {
                    bind(s, scope, operation, key);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            throw new ProblemException(
                                    409,
                                    "idempotency-key-in-progress",
                                    "Idempotency-Key in use",
                                    "a request with this Idempotency-Key is being made; try again in a moment");
                        }
                        String resource = rs.getString(2);
                        Instant created = rs.getTimestamp(3).toInstant();
                        boolean forgotten = created.plus(config.keep()).isBefore(now);
                        boolean abandoned = resource == null
                                && created.plus(config.abandonedAfter()).isBefore(now);
                        if (forgotten || abandoned) {
                            try (PreparedStatement u = c.prepareStatement("UPDATE idempotency_key SET request_hash ="
                                    + " ?, resource_id = NULL, created_at = ? WHERE scope = ? AND operation = ? AND"
                                    + " key = ?")) {
                                bind(u, hash, Timestamp.from(now), scope, operation, key);
                                u.executeUpdate();
                            }
                            return null;
                        }
                        if (!rs.getString(1).equals(hash)) {
                            throw ProblemException.idempotencyKeyReused(null);
                        }
                        if (resource == null) {
                            throw new ProblemException(
                                    409,
                                    "idempotency-key-in-progress",
                                    "Idempotency-Key in use",
                                    "the first request with this Idempotency-Key is still being made; try again in a"
                                            + " moment");
                        }
                        return resource;
                    }
                }
            }
        });
    }

    private void update(String sql, Object... values) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = db.getConnection();
                    PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, values);
                s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i]);
        }
    }

    /** SHA-256 of the operation and the request as JSON (records serialize their components in order). */
    String hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
