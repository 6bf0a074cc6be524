package dev.cairn.api.agent.backup;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Chunk ids, as an agent asks which of them the tenant lacks ({@code POST /api/v1/chunks/missing}) or where those of
 * a backup are ({@code POST /api/v1/backups/{id}/locations}).
 *
 * @param ids up to {@link #MAX} chunk ids, 64 lower-case hex characters each
 */
public record ChunkIds(
        @NotNull @Size(max = MAX)
        List<
                        @NotNull
                        @Pattern(regexp = "[0-9a-f]{64}", message = "must be a chunk id: 64 lower-case hex digits")
                        String>
                ids) {
    /** The most ids one call may carry. */
    public static final int MAX = 10_000;
}
