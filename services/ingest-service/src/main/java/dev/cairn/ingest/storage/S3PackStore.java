package dev.cairn.ingest.storage;

import dev.cairn.ingest.pack.PackStore;
import dev.cairn.platform.region.ObjectStores;
import dev.cairn.platform.region.RegionsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Packs, indexes and manifests in the regions' S3 buckets. */
@ApplicationScoped
public class S3PackStore implements PackStore {
    private final ObjectStores stores;
    private final RegionsConfig regions;

    public S3PackStore(ObjectStores stores, RegionsConfig regions) {
        this.stores = stores;
        this.regions = regions;
    }

    @Override
    public void put(String region, UUID tenantId, String name, byte[] content) {
        stores.client(region)
                .putObject(
                        b -> b.bucket(stores.bucket(region)).key(PackStore.key(tenantId, name)),
                        RequestBody.fromBytes(content));
    }

    @Override
    public void put(String region, UUID tenantId, String name, java.nio.file.Path content) {
        stores.client(region)
                .putObject(
                        b -> b.bucket(stores.bucket(region)).key(PackStore.key(tenantId, name)),
                        RequestBody.fromFile(content));
    }

    @Override
    public void put(String region, String key, byte[] content, String md5Base64) {
        stores.client(region)
                .putObject(
                        b -> b.bucket(stores.bucket(region)).key(key).contentMD5(md5Base64),
                        RequestBody.fromBytes(content));
    }

    @Override
    public java.util.Optional<Head> head(String region, String key) {
        try {
            var head = stores.client(region)
                    .headObject(b -> b.bucket(stores.bucket(region)).key(key));
            return java.util.Optional.of(
                    new Head(head.contentLength(), head.eTag().replace("\"", "")));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return java.util.Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public java.util.Optional<Fetched> fetch(String region, String key) {
        try {
            ResponseInputStream<GetObjectResponse> in = stores.client(region)
                    .getObject(b -> b.bucket(stores.bucket(region)).key(key));
            String etag = in.response().eTag();
            return java.util.Optional.of(new Fetched(whole(in), etag == null ? null : etag.replace("\"", "")));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return java.util.Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public byte[] read(String region, String key, long offset, int length) {
        return whole(stores.client(region)
                .getObject(b -> b.bucket(stores.bucket(region))
                        .key(key)
                        .range("bytes=" + offset + "-" + (offset + length - 1))));
    }

    /**
     * A response's body read into one array of its announced length: {@code getObjectAsBytes} grows a buffer as it
     * reads and copies it out again (three copies of every replicated pack, a tenth of ingest's CPU in a profile).
     */
    private static byte[] whole(ResponseInputStream<GetObjectResponse> in) {
        try (in) {
            byte[] bytes = new byte[Math.toIntExact(in.response().contentLength())];
            int read = in.readNBytes(bytes, 0, bytes.length);
            if (read != bytes.length || in.read() != -1) {
                throw new IllegalStateException(
                        "the object store sent " + read + " bytes of an object of " + bytes.length);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("reading an object failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredObject> list(String region, String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        stores.client(region)
                .listObjectsV2Paginator(b -> b.bucket(stores.bucket(region)).prefix(prefix))
                .contents()
                .forEach(o -> objects.add(new StoredObject(o.key(), o.size(), o.lastModified())));
        return objects;
    }

    @Override
    public boolean reachable(String region) {
        try {
            stores.client(region).headBucket(b -> b.bucket(stores.bucket(region)));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Set<String> regions() {
        return regions.regions().keySet();
    }

    @Override
    public void delete(String region, String key) {
        stores.client(region).deleteObject(b -> b.bucket(stores.bucket(region)).key(key));
    }
}
