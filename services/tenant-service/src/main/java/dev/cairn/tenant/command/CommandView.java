package dev.cairn.tenant.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.api.agent.command.CommandKind;
import dev.cairn.api.agent.command.CommandPhase;
import java.time.Instant;
import java.util.UUID;

/**
 * A command as its tenant sees it.
 *
 * @param policyId the policy whose schedule queued it; absent for a command a user sent
 */
public record CommandView(
        UUID id,
        UUID clusterId,
        CommandKind kind,
        CommandPhase phase,
        JsonNode spec,
        boolean cancelRequested,
        Instant createdAt,
        Instant deliveredAt,
        int deliveries,
        Instant startedAt,
        Instant finishedAt,
        JsonNode progress,
        JsonNode report,
        String message,
        UUID policyId) {}
