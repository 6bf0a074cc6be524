package dev.cairn.tenant.keys;

/**
 * Envelope encryption: wraps and unwraps data keys with a key-encryption key that never leaves its keeper (a key
 * file in the local run, AWS KMS in production).
 */
public interface KeyEncryption {

    /** Wraps {@code dataKey}, bound to {@code context} (the tenant and the key's purpose). */
    WrappedKey wrap(byte[] dataKey, String context);

    /** Unwraps a key this keeper wrapped with the same {@code context}; fails for any other. */
    byte[] unwrap(WrappedKey wrapped, String context);

    /**
     * A wrapped key and the id of the key-encryption key that wrapped it.
     *
     * @param kekId for example {@code local:v1} or a KMS key ARN
     * @param ciphertext the wrapped key
     */
    record WrappedKey(String kekId, byte[] ciphertext) {}
}
