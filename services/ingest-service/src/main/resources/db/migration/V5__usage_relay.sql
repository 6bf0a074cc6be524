-- Usage events leave through the outbox relay (docs/metering.md): a row is relayed to the usage topic, then marked.
-- Rows are kept after relaying: the outbox is ingest's own ledger of what it counted.
ALTER TABLE usage_event ADD COLUMN relayed_at TIMESTAMPTZ;
CREATE INDEX usage_event_unrelayed ON usage_event (seq) WHERE relayed_at IS NULL;
-- backup events (PROTECTED, NEW) name their cluster and backup; RESTORED names the backup read
ALTER TABLE usage_event ADD COLUMN cluster_id UUID;
ALTER TABLE usage_event ADD COLUMN backup_id UUID;
ALTER TABLE usage_event ALTER COLUMN region DROP NOT NULL;
