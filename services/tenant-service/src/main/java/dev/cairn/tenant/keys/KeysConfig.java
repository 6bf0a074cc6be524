package dev.cairn.tenant.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Which keeper wraps the tenants' data keys. */
@ConfigMapping(prefix = "cairn.keys")
public interface KeysConfig {

    /** {@code local} (a key file, for the local run and tests) or {@code kms} (AWS KMS, production). */
    @WithDefault("local")
    String provider();

    /**
     * The local key-encryption-key file (32 random bytes, created when missing, mode 600); required with
     * {@code provider=local} (no default: a service started in another folder would make a new key and could open
     * none of the tenants' keys).
     */
    Optional<Path> localKeyFile();

    /** The KMS key id or ARN that wraps data keys, with {@code provider=kms}. */
    Optional<String> kmsKeyId();

    /** The AWS region of the KMS key. */
    Optional<String> kmsRegion();
}
