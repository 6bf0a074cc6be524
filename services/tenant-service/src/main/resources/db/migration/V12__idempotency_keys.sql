-- Idempotency-Key of the tenant service's creating POSTs (issue 17, item 7): who sent the key (a tenant, a partner
-- or an operator), for which operation, a hash of the request it came with, and the id of what the first request
-- made (null while that request runs). A key is remembered for a day (cairn.idempotency.keep).
CREATE TABLE idempotency_key (
    scope        TEXT        NOT NULL,
    operation    TEXT        NOT NULL,
    key          TEXT        NOT NULL,
    request_hash TEXT        NOT NULL,
    resource_id  TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, operation, key)
);
