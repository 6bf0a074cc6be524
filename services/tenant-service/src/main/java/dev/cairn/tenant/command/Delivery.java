package dev.cairn.tenant.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;

/**
 * What one poll hands an agent: commands to start, and ids of commands it runs that the tenant cancelled.
 *
 * @param leaseSeconds how long a delivered command waits for its RUNNING report before it is delivered again
 */
public record Delivery(List<Command> commands, List<UUID> cancel, long leaseSeconds) {

    /** A command to start. */
    public record Command(UUID id, CommandKind kind, JsonNode spec) {}
}
