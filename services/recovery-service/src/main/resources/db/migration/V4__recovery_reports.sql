-- The signed report of an ended recovery (ADR 0019): the JSON document exactly as signed, its detached DER signature
-- (ECDSA P-256, SHA-256) and the id of the key that signed it. Written once, when the recovery has ended.
ALTER TABLE recovery ADD COLUMN report_document BYTEA;
ALTER TABLE recovery ADD COLUMN report_signature BYTEA;
ALTER TABLE recovery ADD COLUMN report_key_id VARCHAR(16);
CREATE INDEX recovery_unsealed ON recovery (finished_at) WHERE finished_at IS NOT NULL AND report_document IS NULL;
