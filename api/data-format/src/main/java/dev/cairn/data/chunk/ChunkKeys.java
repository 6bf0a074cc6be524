package dev.cairn.data.chunk;

import java.util.UUID;

/**
 * A tenant's chunk keys, as an agent holds them after registration.
 *
 * @param tenantId the tenant, bound into every envelope
 * @param idKey the HMAC-SHA-256 key of chunk ids (32 bytes)
 * @param encryptionKey the AES-256-GCM key of chunk contents (32 bytes)
 */
public record ChunkKeys(UUID tenantId, byte[] idKey, byte[] encryptionKey) {
    public ChunkKeys {
        if (idKey.length != 32 || encryptionKey.length != 32) {
            throw new IllegalArgumentException("chunk keys have 32 bytes each");
        }
        idKey = idKey.clone();
        encryptionKey = encryptionKey.clone();
    }
}
