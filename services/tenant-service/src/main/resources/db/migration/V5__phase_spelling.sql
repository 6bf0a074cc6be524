-- One spelling of every phase across services and agent (Velero's style): ACTIVE -> Active, QUEUED -> Queued, ...
UPDATE tenant SET phase = CASE phase
    WHEN 'ACTIVE' THEN 'Active' WHEN 'PENDING_DELETION' THEN 'PendingDeletion' WHEN 'DELETED' THEN 'Deleted'
    ELSE phase END;
UPDATE cluster SET phase = CASE phase
    WHEN 'PENDING_REGISTRATION' THEN 'PendingRegistration' WHEN 'CONNECTED' THEN 'Connected'
    WHEN 'REVOKED' THEN 'Revoked' ELSE phase END;
UPDATE agent_command SET phase = CASE phase
    WHEN 'QUEUED' THEN 'Queued' WHEN 'DELIVERED' THEN 'Delivered' WHEN 'RUNNING' THEN 'Running'
    WHEN 'SUCCEEDED' THEN 'Completed' WHEN 'PARTIALLY_FAILED' THEN 'PartiallyFailed' WHEN 'FAILED' THEN 'Failed'
    WHEN 'CANCELLED' THEN 'Cancelled' ELSE phase END;

DROP INDEX tenant_admin_email;
CREATE UNIQUE INDEX tenant_admin_email ON tenant (lower(admin_email)) WHERE phase <> 'Deleted';
DROP INDEX tenant_delete_after;
CREATE INDEX tenant_delete_after ON tenant (delete_after) WHERE phase = 'PendingDeletion';
DROP INDEX cluster_tenant_name;
CREATE UNIQUE INDEX cluster_tenant_name ON cluster (tenant_id, name) WHERE phase <> 'Revoked';
