-- Regions offered to tenants, kept in step with the configuration at start (RegionCatalog).
CREATE TABLE region (
    code          VARCHAR(63)  PRIMARY KEY,
    display_name  VARCHAR(200) NOT NULL,
    -- false when the region was removed from the configuration: kept for the tenants that still point at it
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
