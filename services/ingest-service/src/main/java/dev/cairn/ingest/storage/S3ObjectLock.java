package dev.cairn.ingest.storage;

import dev.cairn.ingest.IngestConfig;
import dev.cairn.ingest.lock.LockMode;
import dev.cairn.ingest.lock.ObjectLock;
import dev.cairn.platform.problem.ProblemException;
import dev.cairn.platform.region.ObjectStores;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Object lock in the regions' S3 buckets: the bucket's lock configuration says whether objects can be held (a store
 * that does not implement it answers 501, as the local s3proxy does); holding an object sets its retention
 * ({@code PutObjectRetention}, which the SDK sends with the integrity checksum S3 requires of it).
 */
@ApplicationScoped
public class S3ObjectLock implements ObjectLock {
    private final ObjectStores stores;
    private final IngestConfig config;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public S3ObjectLock(ObjectStores stores, IngestConfig config) {
        this.stores = stores;
        this.config = config;
    }

    private record Answer(Capability capability, Instant at) {}

    @Override
    public Capability capability(String region) {
        Answer cached = answers.get(region);
        Instant now = Instant.now();
        if (cached != null
                && cached.at().plus(config.objectLock().supportCacheFor()).isAfter(now)) {
            return cached.capability();
        }
        Capability asked = ask(stores.client(region), stores.bucket(region));
        answers.put(region, new Answer(asked, now));
        return asked;
    }

    static Capability ask(S3Client client, String bucket) {
        try {
            GetObjectLockConfigurationResponse answer = client.getObjectLockConfiguration(b -> b.bucket(bucket));
            if (answer.objectLockConfiguration() != null
                    && answer.objectLockConfiguration().objectLockEnabled() == ObjectLockEnabled.ENABLED) {
                return new Capability(Support.Available, "bucket " + bucket + " has object lock enabled");
            }
            return new Capability(Support.NotEnabled, "bucket " + bucket + " was made without object lock");
        } catch (S3Exception e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 501 || "NotImplemented".equals(code)) {
                return new Capability(
                        Support.Unsupported,
                        "the store answered " + e.statusCode() + " " + code + " to GetObjectLockConfiguration");
            }
            if ("ObjectLockConfigurationNotFoundError".equals(code)) {
                return new Capability(Support.NotEnabled, "bucket " + bucket + " was made without object lock");
            }
            throw storeUnavailable(bucket, e);
        } catch (SdkClientException e) {
            throw storeUnavailable(bucket, e);
        }
    }

    @Override
    public void retain(String region, String key, Instant until, LockMode mode) {
        retain(stores.client(region), stores.bucket(region), key, until, mode);
    }

    static void retain(S3Client client, String bucket, String key, Instant until, LockMode mode) {
        try {
            client.putObjectRetention(b -> b.bucket(bucket)
                    .key(key)
                    .retention(r -> r.mode(ObjectLockRetentionMode.fromValue(mode.name()))
                            .retainUntilDate(until)));
        } catch (S3Exception | SdkClientException e) {
            throw storeUnavailable(bucket, e);
        }
    }

    private static ProblemException storeUnavailable(String bucket, RuntimeException e) {
        return new ProblemException(
                503,
                "object-store-unavailable",
                "Object store unavailable",
                "bucket " + bucket + " did not answer as expected: " + e.getMessage());
    }
}
