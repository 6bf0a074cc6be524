package dev.cairn.metering.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A statements run.
 *
 * @param id the run
 * @param requestedBy {@code schedule}, or the operator who asked
 * @param phase where it is
 * @param startedAt when it started
 * @param finishedAt when it ended (null while Running)
 * @param drafts draft statements it computed
 * @param finalized statements it made Final
 * @param skipped tenants or months it could not compute now
 * @param messages the first reasons it skipped something, or why it failed
 */
public record StatementRun(
        UUID id,
        String requestedBy,
        StatementRunPhase phase,
        Instant startedAt,
        Instant finishedAt,
        int drafts,
        int finalized,
        int skipped,
        String messages) {}
