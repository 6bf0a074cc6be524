-- Plans as data (docs/metering.md): what a tenant may store and what it pays. A tenant's quota_bytes is its limit:
-- its plan's limit, or less when its partner set a quota for it.
CREATE TABLE plan (
    code                     VARCHAR(63)    PRIMARY KEY,
    name                     VARCHAR(200)   NOT NULL,
    stored_bytes_limit       BIGINT         NOT NULL CHECK (stored_bytes_limit >= 0),
    -- ISO 4217 code; prices are exact decimals in it
    currency                 CHAR(3)        NOT NULL,
    price_per_tb_month       NUMERIC(18, 6) NOT NULL CHECK (price_per_tb_month >= 0),
    price_per_cluster_month  NUMERIC(18, 6) NOT NULL CHECK (price_per_cluster_month >= 0),
    created_at               TIMESTAMPTZ    NOT NULL DEFAULT now()
);
-- The free tier: 1 TB (10^12 bytes), no charge.
INSERT INTO plan (code, name, stored_bytes_limit, currency, price_per_tb_month, price_per_cluster_month)
VALUES ('FREE', 'Free', 1000000000000, 'USD', 0, 0);
ALTER TABLE tenant ADD CONSTRAINT tenant_plan FOREIGN KEY (plan) REFERENCES plan (code);
ALTER TABLE tenant ALTER COLUMN plan TYPE VARCHAR(63);
