-- The region a recovery's restore reads a backup from: the recovery service pins it after checking that the region
-- holds the whole backup; while the pin lasts, locations are signed for that region (docs/adr/0018). A later pin of
-- the same backup replaces it (both regions were checked whole); it goes with its backup.
CREATE TABLE restore_source (
    backup_id     UUID         PRIMARY KEY REFERENCES backup (id) ON DELETE CASCADE,
    tenant_id     UUID         NOT NULL,
    region        VARCHAR(63)  NOT NULL,
    pinned_until  TIMESTAMPTZ  NOT NULL
);
