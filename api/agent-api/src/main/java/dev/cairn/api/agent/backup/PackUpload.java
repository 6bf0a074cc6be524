package dev.cairn.api.agent.backup;

import java.time.Instant;
import java.util.UUID;

/**
 * A slot for one pack that the agent uploads itself ({@code POST /api/v1/backups/{id}/packs}, the claim-check of
 * docs/protocol.md and ADR 0025): a fresh pack id and a pre-signed PUT URL for exactly that pack's object in the
 * tenant's home region. The agent PUTs the pack (with {@code Content-MD5}), then announces it with a pack reference
 * record v3 on the data topic; only that record, verified, makes the pack part of the catalog.
 *
 * @param packId the pack's id, which the record must name
 * @param url the pre-signed PUT URL of the pack's object
 * @param expiresAt when the URL stops working
 * @param maxBytes the largest pack the platform accepts for this slot
 */
public record PackUpload(UUID packId, String url, Instant expiresAt, long maxBytes) {}
