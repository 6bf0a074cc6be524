package dev.cairn.tenant.keys;

import dev.cairn.tenant.kms.KmsKeyEncryption;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Chooses the key keeper by configuration ({@code cairn.keys.provider}). */
public class KeyEncryptionProducer {

    @Produces
    @ApplicationScoped
    KeyEncryption keyEncryption(KeysConfig config) {
        return switch (config.provider()) {
            case "local" -> LocalKeyEncryption.fromFile(config.localKeyFile());
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
