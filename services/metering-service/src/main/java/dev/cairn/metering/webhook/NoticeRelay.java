package dev.cairn.metering.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.metering.account.Account;
import dev.cairn.metering.account.AccountDirectory;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns notifications (a failed backup, written with the batch that counted its event) into webhook deliveries for
 * the tenant's partner, every second: each once (deliveries are unique per endpoint and event), marked sent in the
 * same transaction. A tenant without a partner needs none; one whose account cannot be read now waits for the next
 * round.
 */
@ApplicationScoped
public class NoticeRelay {
    private static final Logger LOG = Logger.getLogger(NoticeRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource db;
    private final AccountDirectory accounts;
    private final Webhooks webhooks;

    public NoticeRelay(AgroalDataSource db, AccountDirectory accounts, Webhooks webhooks) {
        this.db = db;
        this.accounts = accounts;
        this.webhooks = webhooks;
    }

    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("SELECT id, tenant_id, type, at, data FROM notification"
                            + " WHERE sent_at IS NULL ORDER BY at LIMIT 100 FOR UPDATE SKIP LOCKED");
                    PreparedStatement sent =
                            c.prepareStatement("UPDATE notification SET sent_at = now() WHERE id = ?")) {
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        Optional<Account> account;
                        try {
                            account = accounts.find(rs.getObject(2, UUID.class));
                        } catch (RuntimeException e) {
                            LOG.warnf(
                                    "notification %s waits: the tenant's account cannot be read (%s)",
                                    id, e.getMessage());
                            continue;
                        }
                        Optional<WebhookEventType> type = WebhookEventType.of(rs.getString(3));
                        if (account.isPresent() && account.get().partnerId() != null && type.isPresent()) {
                            webhooks.enqueue(
                                    account.get().partnerId(),
                                    type.get(),
                                    id,
                                    rs.getTimestamp(4).toInstant(),
                                    (ObjectNode) JSON.readTree(rs.getString(5)));
                        }
                        sent.setObject(1, id);
                        sent.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                LOG.warnf("notifications not relayed this round: %s", e.getMessage());
            }
        } catch (SQLException e) {
            LOG.warnf("notifications not relayed this round: %s", e.getMessage());
        }
    }
}
