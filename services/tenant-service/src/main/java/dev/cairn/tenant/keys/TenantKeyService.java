package dev.cairn.tenant.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** Makes, opens and destroys a tenant's data keys. */
@ApplicationScoped
public class TenantKeyService {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyEncryption keys;

    public TenantKeyService(KeyEncryption keys) {
        this.keys = keys;
    }

    /** Creates a fresh 256-bit key for each purpose, wrapped; the plaintext never reaches the database. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void createFor(UUID tenantId) {
        Instant now = Instant.now();
        for (KeyPurpose purpose : KeyPurpose.values()) {
            byte[] plain = new byte[32];
            RANDOM.nextBytes(plain);
            KeyEncryption.WrappedKey wrapped = keys.wrap(plain, context(tenantId, purpose.name()));
            java.util.Arrays.fill(plain, (byte) 0);
            TenantKey key = new TenantKey();
            key.tenantId = tenantId;
            key.purpose = purpose;
            key.kekId = wrapped.kekId();
            key.wrappedKey = wrapped.ciphertext();
            key.createdAt = now;
            key.persist();
        }
    }

    /** The tenant's data keys in plaintext, for handing to its agents (wrapped again for them). */
    public Map<KeyPurpose, byte[]> open(UUID tenantId) {
        Map<KeyPurpose, byte[]> open = new EnumMap<>(KeyPurpose.class);
        for (TenantKey key : TenantKey.forTenant(tenantId)) {
            open.put(
                    key.purpose,
                    keys.unwrap(
                            new KeyEncryption.WrappedKey(key.kekId, key.wrappedKey),
                            context(tenantId, key.purpose.name())));
        }
        if (open.size() != KeyPurpose.values().length) {
            throw new IllegalStateException("tenant " + tenantId + " has no keys (deleted?)");
        }
        return open;
    }

    /** Wraps a key that belongs to the tenant under another name (an agent's MAC key). */
    public KeyEncryption.WrappedKey wrap(UUID tenantId, String name, byte[] key) {
        return keys.wrap(key, context(tenantId, name));
    }

    /** Opens a key wrapped by {@link #wrap}. */
    public byte[] unwrap(UUID tenantId, String name, KeyEncryption.WrappedKey wrapped) {
        return keys.unwrap(wrapped, context(tenantId, name));
    }

    /** Destroys the tenant's data keys: whatever they encrypted can no longer be read (crypto-shredding). */
    @Transactional(Transactional.TxType.MANDATORY)
    public long destroyFor(UUID tenantId) {
        return TenantKey.delete("tenantId", tenantId);
    }

    /** Binds a wrapped key to its tenant and purpose: a key moved to another row does not open. */
    static String context(UUID tenantId, String purpose) {
        return "cairn/tenant/" + tenantId + "/" + purpose;
    }
}
