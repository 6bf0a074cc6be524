-- Events that are not usage but that partners hear of (backup.failed): written with the batch that counted their
-- event (exactly once, by id), then turned into webhook deliveries for the tenant's partner by NoticeRelay.
ALTER TABLE usage_event ADD COLUMN detail TEXT;
CREATE TABLE notification (
    id          UUID          PRIMARY KEY,
    tenant_id   UUID          NOT NULL,
    -- a webhook event type: backup.failed
    type        VARCHAR(64)   NOT NULL,
    at          TIMESTAMPTZ   NOT NULL,
    data        TEXT          NOT NULL,
    sent_at     TIMESTAMPTZ
);
CREATE INDEX notification_unsent ON notification (at) WHERE sent_at IS NULL;
