-- Connected clusters (CONNECTED events from the tenant service: +1 when an agent registers, -1 when a connected
-- cluster is revoked): the hour's net change, and each tenant's count now.
ALTER TABLE usage_hour ADD COLUMN connected_delta INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tenant_usage ADD COLUMN connected_clusters INTEGER NOT NULL DEFAULT 0;
