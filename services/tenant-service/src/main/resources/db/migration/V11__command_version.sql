-- Optimistic locking of commands: a late write (an agent's report read before a cancel committed) fails and is
-- retried on the current state, instead of writing back what it read (issue 17).
ALTER TABLE agent_command ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
