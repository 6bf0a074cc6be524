-- What a cluster's agent reported it can do beyond the v1 commands (AgentCapabilities), with its registration and
-- every heartbeat; commands that need a capability are refused for an agent that has not reported it.
ALTER TABLE cluster ADD COLUMN agent_capabilities TEXT[] NOT NULL DEFAULT '{}';
