-- The metering service is a skeleton until its issue lands. An early draft (V1) created tables that nothing used;
-- it is gone from the code, and a data folder that applied it drops its tables here. The service's real schema
-- starts at V3 (docs/adr/0013-skeleton-services-until-their-features-land.md).
DROP TABLE IF EXISTS usage_hourly, usage_event;
