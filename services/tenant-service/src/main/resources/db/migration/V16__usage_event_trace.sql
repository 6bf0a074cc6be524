-- A usage event keeps the trace it was written in (W3C traceparent), which the relay hands to metering with it.
ALTER TABLE usage_event ADD COLUMN traceparent TEXT;
