-- A policy's immutability (issue 18, ADR 0033): each backup it makes is held by S3 object lock, and nobody can delete
-- it, for immutable_seconds after it completes. Null: its backups are not immutable.
ALTER TABLE policy ADD COLUMN immutable_seconds BIGINT CHECK (immutable_seconds >= 86400);
