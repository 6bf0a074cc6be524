-- A backup that ends Failed writes a BACKUP_FAILED event into the outbox (its partner hears of it); its reason here.
ALTER TABLE usage_event ADD COLUMN detail TEXT;
