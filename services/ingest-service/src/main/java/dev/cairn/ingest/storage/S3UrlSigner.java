package dev.cairn.ingest.storage;

import dev.cairn.ingest.backup.UrlSigner;
import dev.cairn.platform.region.ObjectStores;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Pre-signed S3 GET and PUT URLs (SigV4 query authentication): valid for one object and method until they expire. */
@ApplicationScoped
public class S3UrlSigner implements UrlSigner {
    private final ObjectStores stores;

    public S3UrlSigner(ObjectStores stores) {
        this.stores = stores;
    }

    @Override
    public URI presignGet(String region, String key, Duration ttl) {
        try {
            return stores.presigner(region)
                    .presignGetObject(r -> r.signatureDuration(ttl)
                            .getObjectRequest(
                                    g -> g.bucket(stores.bucket(region)).key(key)))
                    .url()
                    .toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public URI presignPut(String region, String key, Duration ttl) {
        try {
            return stores.presigner(region)
                    .presignPutObject(r -> r.signatureDuration(ttl)
                            .putObjectRequest(
                                    p -> p.bucket(stores.bucket(region)).key(key)))
                    .url()
                    .toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
