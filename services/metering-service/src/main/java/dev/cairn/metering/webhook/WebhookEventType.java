package dev.cairn.metering.webhook;

import java.util.Optional;

/** What a webhook event tells. Its wire name is the {@code type} of the event. */
public enum WebhookEventType {
    /** A customer reached 80 % of its quota. */
    QUOTA_WARNING("quota.warning"),
    /** A customer reached its quota: new backups are refused. */
    QUOTA_EXCEEDED("quota.exceeded"),
    /** A customer's monthly statement became Final. */
    STATEMENT_FINALIZED("statement.finalized"),
    /** A customer's backup ended Failed. */
    BACKUP_FAILED("backup.failed");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> of(String wireName) {
        for (WebhookEventType t : values()) {
            if (t.wireName.equals(wireName)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
