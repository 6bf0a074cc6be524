-- The W3C trace context (traceparent) of the request that queued a command (issue 18, item 5): delivered to the agent
-- with the command, which sends its reports on it in that trace.
ALTER TABLE agent_command ADD COLUMN traceparent VARCHAR(55);
