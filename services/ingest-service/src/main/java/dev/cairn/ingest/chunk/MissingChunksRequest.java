package dev.cairn.ingest.chunk;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Chunk ids an agent is about to send.
 *
 * @param ids up to 10,000 chunk ids, 64 lower-case hex characters each
 */
public record MissingChunksRequest(
        @NotNull @Size(max = 10_000)
        List<
                        @NotNull
                        @Pattern(regexp = "[0-9a-f]{64}", message = "must be a chunk id: 64 lower-case hex digits")
                        String>
                ids) {}
