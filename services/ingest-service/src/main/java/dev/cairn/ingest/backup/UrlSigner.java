package dev.cairn.ingest.backup;

import java.net.URI;
import java.time.Duration;

/** Hands out short-lived, read-only URLs to single objects. */
public interface UrlSigner {

    /** A URL that lets its holder GET the object {@code key} of {@code region}'s bucket for {@code ttl}. */
    URI presignGet(String region, String key, Duration ttl);
}
