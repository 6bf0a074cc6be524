package dev.cairn.tenant.keys;

/** What a tenant data key is for. */
public enum KeyPurpose {
    /** HMAC-SHA-256 key that turns a chunk's plaintext into its id, so that ids reveal nothing across tenants. */
    CHUNK_ID,
    /** AES-256-GCM key that encrypts chunk contents. */
    CHUNK_ENCRYPTION
}
