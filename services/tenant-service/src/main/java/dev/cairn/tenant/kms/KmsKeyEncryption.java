package dev.cairn.tenant.kms;

import dev.cairn.tenant.keys.KeyEncryption;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * AWS KMS as the key keeper (production): data keys are wrapped with {@code Encrypt} under one symmetric KMS key,
 * with the context as KMS encryption context, so that a wrapped key opens only for its tenant and purpose and every
 * unwrap is in CloudTrail. KMS cannot run on the development machines: it is tested against the SDK's request and
 * response shapes (KmsKeyEncryptionTest).
 */
public final class KmsKeyEncryption implements KeyEncryption {
    private final KmsClient kms;
    private final String keyId;

    KmsKeyEncryption(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    /** A keeper for {@code keyId} in {@code region}, with the default AWS credentials (IRSA on EKS). */
    public static KmsKeyEncryption create(String keyId, String region) {
        return new KmsKeyEncryption(
                KmsClient.builder()
                        .region(Region.of(region))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build(),
                keyId);
    }

    /** A keeper on another KMS endpoint (tests, VPC endpoints). */
    public static KmsKeyEncryption create(String keyId, String region, URI endpoint, KmsClientCustomizer customizer) {
        var builder = KmsClient.builder()
                .region(Region.of(region))
                .endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.create());
        customizer.customize(builder);
        return new KmsKeyEncryption(builder.build(), keyId);
    }

    /** Adjusts the client builder (credentials in tests). */
    @FunctionalInterface
    public interface KmsClientCustomizer {
        void customize(software.amazon.awssdk.services.kms.KmsClientBuilder builder);
    }

    @Override
    public WrappedKey wrap(byte[] dataKey, String context) {
        EncryptResponse response = kms.encrypt(b -> b.keyId(keyId)
                .plaintext(SdkBytes.fromByteArray(dataKey))
                .encryptionAlgorithm(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT)
                .encryptionContext(Map.of("cairn", context)));
        return new WrappedKey(response.keyId(), response.ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, String context) {
        try {
            DecryptResponse response = kms.decrypt(b -> b.keyId(wrapped.kekId())
                    .ciphertextBlob(SdkBytes.fromByteArray(wrapped.ciphertext()))
                    .encryptionAlgorithm(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT)
                    .encryptionContext(Map.of("cairn", context)));
            return response.plaintext().asByteArray();
        } catch (KmsException e) {
            throw new IllegalArgumentException(
                    "KMS refused to unwrap: " + e.awsErrorDetails().errorMessage(), e);
        }
    }
}
