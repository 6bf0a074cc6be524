package dev.cairn.metering.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.platform.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Partners' webhook endpoints and the queue of their deliveries, in PostgreSQL. */
@ApplicationScoped
public class Webhooks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource db;

    public Webhooks(AgroalDataSource db) {
        this.db = db;
    }

    /** A webhook just registered, and whether an earlier request with the same Idempotency-Key had made it. */
    public record Created(Webhook webhook, boolean repeated) {}

    /**
     * Registers an endpoint. With an {@code Idempotency-Key}, a repeat of the same request answers the endpoint the
     * first one made; the same key with another request is 422.
     */
    public Created create(UUID partner, String url, List<String> events, String idempotencyKey) {
        String hash = sha256(url + "\n" + String.join(",", events));
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (idempotencyKey != null) {
                    try (PreparedStatement s =
                            c.prepareStatement("SELECT request_hash, resource_id FROM idempotency_key"
                                    + " WHERE partner_id = ? AND key = ? FOR UPDATE")) {
                        s.setObject(1, partner);
                        s.setString(2, idempotencyKey);
                        try (ResultSet rs = s.executeQuery()) {
                            if (rs.next()) {
                                if (!rs.getString(1).equals(hash)) {
                                    throw ProblemException.idempotencyKeyReused(null);
                                }
                                UUID id = rs.getObject(2, UUID.class);
                                c.commit();
                                return new Created(find(partner, id, true).orElseThrow(), true);
                            }
                        }
                    }
                }
                UUID id = UUID.randomUUID();
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO webhook (id, partner_id, url, events, secret) VALUES (?, ?, ?, ?, ?)")) {
                    s.setObject(1, id);
                    s.setObject(2, partner);
                    s.setString(3, url);
                    s.setString(4, String.join(",", events));
                    s.setString(5, WebhookSignature.newSecret());
                    s.executeUpdate();
                }
                if (idempotencyKey != null) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_key (partner_id, key,"
                            + " request_hash, resource_id) VALUES (?, ?, ?, ?)")) {
                        s.setObject(1, partner);
                        s.setString(2, idempotencyKey);
                        s.setString(3, hash);
                        s.setObject(4, id);
                        s.executeUpdate();
                    }
                }
                c.commit();
                return new Created(find(partner, id, true).orElseThrow(), false);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** One of the partner's live endpoints (with its secret when asked). */
    public Optional<Webhook> find(UUID partner, UUID id, boolean withSecret) {
        List<Webhook> found = select("partner_id = ? AND id = ? AND deleted_at IS NULL", withSecret, partner, id);
        return found.stream().findFirst();
    }

    /** The partner's live endpoints created after the cursor's, oldest first, without secrets. */
    public List<Webhook> list(UUID partner, dev.cairn.platform.page.Cursor after, int limit) {
        if (after == null) {
            return select(
                    "partner_id = ? AND deleted_at IS NULL ORDER BY created_at, id LIMIT " + limit, false, partner);
        }
        return select(
                "partner_id = ? AND deleted_at IS NULL AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT "
                        + limit,
                false,
                partner,
                Timestamp.from(after.at()),
                after.id());
    }

    /** Removes an endpoint: nothing more is delivered to it (its log stays); false when it was not the partner's. */
    public boolean delete(UUID partner, UUID id) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE webhook SET deleted_at = now() WHERE partner_id = ?"
                        + " AND id = ? AND deleted_at IS NULL")) {
            s.setObject(1, partner);
            s.setObject(2, id);
            boolean deleted = s.executeUpdate() == 1;
            if (deleted) {
                try (PreparedStatement f = c.prepareStatement("UPDATE webhook_delivery SET status = 'Failed',"
                        + " last_error = 'endpoint deleted' WHERE webhook_id = ? AND status = 'Pending'")) {
                    f.setObject(1, id);
                    f.executeUpdate();
                }
            }
            return deleted;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Queues an event for every live endpoint of the partner that takes its type, once per endpoint and event id
     * (queueing the same event again does nothing). The payload is {@code {id, type, created, data}}.
     */
    public void enqueue(UUID partner, WebhookEventType type, UUID eventId, Instant at, ObjectNode data) {
        if (partner == null) {
            return;
        }
        ObjectNode event = JSON.createObjectNode()
                .put("id", eventId.toString())
                .put("type", type.wireName())
                .put("created", at.toString());
        event.set("data", data);
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO webhook_delivery (id, webhook_id, event_id,"
                        + " event_type, payload, status) SELECT gen_random_uuid(), w.id, ?, ?, ?, 'Pending' FROM webhook w"
                        + " WHERE w.partner_id = ? AND w.deleted_at IS NULL AND ? = ANY (string_to_array(w.events, ','))"
                        + " ON CONFLICT (webhook_id, event_id) DO NOTHING")) {
            s.setObject(1, eventId);
            s.setString(2, type.wireName());
            s.setString(3, event.toString());
            s.setObject(4, partner);
            s.setString(5, type.wireName());
            s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The delivery log of one of the partner's endpoints, newest first, before the cursor's. */
    public List<Delivery> deliveries(UUID webhook, dev.cairn.platform.page.Cursor before, int limit) {
        List<Delivery> log = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT id, event_id, event_type, status, attempts,"
                        + " last_status, last_error, created_at, next_attempt_at, delivered_at FROM webhook_delivery"
                        + " WHERE webhook_id = ? AND (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?::uuid))"
                        + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
            s.setObject(1, webhook);
            Timestamp at = before == null ? null : Timestamp.from(before.at());
            s.setTimestamp(2, at);
            s.setTimestamp(3, at);
            s.setObject(4, before == null ? null : before.id());
            s.setInt(5, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int status = rs.getInt(6);
                    log.add(new Delivery(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            DeliveryStatus.valueOf(rs.getString(4)),
                            rs.getInt(5),
                            rs.wasNull() ? null : status,
                            rs.getString(7),
                            rs.getTimestamp(8).toInstant(),
                            rs.getTimestamp(9).toInstant(),
                            rs.getTimestamp(10) == null
                                    ? null
                                    : rs.getTimestamp(10).toInstant()));
                }
            }
            return log;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** A delivery that is due, with what sending it needs. */
    public record Due(UUID id, String url, String secret, String payload, int attempts) {}

    /**
     * Hands up to {@code max} due deliveries to {@code attempt}, which answers each one's outcome, and records the
     * outcomes, in one transaction (deliveries another instance holds are skipped).
     */
    public int dispatch(int max, java.util.function.Function<Due, Outcome> attempt) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Due> due = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT d.id, w.url, w.secret, d.payload, d.attempts"
                                + " FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id WHERE d.status = 'Pending'"
                                + " AND d.next_attempt_at <= now() ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE OF d SKIP LOCKED")) {
                    s.setInt(1, max);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            due.add(new Due(
                                    rs.getObject(1, UUID.class),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getInt(5)));
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE webhook_delivery SET status = ?, attempts = ?,"
                        + " last_status = ?, last_error = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ?")) {
                    for (Due d : due) {
                        Outcome o = attempt.apply(d);
                        s.setString(1, o.status().name());
                        s.setInt(2, d.attempts() + 1);
                        s.setObject(3, o.httpStatus());
                        s.setString(4, o.error());
                        s.setTimestamp(5, Timestamp.from(o.nextAttemptAt()));
                        s.setTimestamp(
                                6, o.status() == DeliveryStatus.Delivered ? Timestamp.from(Instant.now()) : null);
                        s.setObject(7, d.id());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
                return due.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** What an attempt came to. */
    public record Outcome(DeliveryStatus status, Integer httpStatus, String error, Instant nextAttemptAt) {}

    private List<Webhook> select(String where, boolean withSecret, Object... params) {
        List<Webhook> found = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT id, url, events, secret, created_at FROM webhook WHERE " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Webhook(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            Arrays.asList(rs.getString(3).split(",")),
                            withSecret ? rs.getString(4) : null,
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return found;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("metering database unavailable: " + e.getMessage(), e);
    }
}
