package dev.cairn.ingest.backup;

import java.net.URI;
import java.time.Duration;

/** Hands out short-lived URLs to single objects: read-only ones, and write-only ones for agents' own pack uploads. */
public interface UrlSigner {

    /** A URL that lets its holder GET the object {@code key} of {@code region}'s bucket for {@code ttl}. */
    URI presignGet(String region, String key, Duration ttl);

    /**
     * A URL that lets its holder PUT the object {@code key} of {@code region}'s bucket for {@code ttl}, and nothing
     * else: another key, method or bucket breaks its signature.
     */
    URI presignPut(String region, String key, Duration ttl);
}
