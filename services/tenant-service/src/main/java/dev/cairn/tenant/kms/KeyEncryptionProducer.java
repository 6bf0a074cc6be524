package dev.cairn.tenant.kms;

import dev.cairn.tenant.keys.KeyEncryption;
import dev.cairn.tenant.keys.KeysConfig;
import dev.cairn.tenant.keys.LocalKeyEncryption;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Chooses the key keeper by configuration ({@code cairn.keys.provider}): the local key file or AWS KMS. It lives with
 * the KMS implementation so that {@code keys} knows no provider.
 */
public class KeyEncryptionProducer {

    /** Made at startup: a service without its key keeper refuses to start rather than fail its first signup. */
    @Produces
    @ApplicationScoped
    @Startup
    public KeyEncryption keyEncryption(KeysConfig config) {
        return switch (config.provider()) {
            case "local" ->
                LocalKeyEncryption.fromFile(config.localKeyFile()
                        .orElseThrow(() -> new IllegalStateException("cairn.keys.local-key-file is required with"
                                + " cairn.keys.provider=local: the file of the key that wraps every tenant's keys"
                                + " (made when missing), kept safe and backed up")));
            case "kms" ->
                KmsKeyEncryption.create(
                        config.kmsKeyId()
                                .orElseThrow(() -> new IllegalStateException("cairn.keys.kms-key-id is required")),
                        config.kmsRegion().orElse("eu-west-1"));
            default ->
                throw new IllegalStateException("cairn.keys.provider must be local or kms, not " + config.provider());
        };
    }
}
