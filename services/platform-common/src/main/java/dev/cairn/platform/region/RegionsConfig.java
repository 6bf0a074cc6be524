package dev.cairn.platform.region;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The regions this deployment stores backups in: each is an S3-compatible object store. */
@ConfigMapping(prefix = "cairn.storage")
public interface RegionsConfig {

    /** The configured regions, by code (for example {@code eu-west-1}). */
    Map<String, RegionConfig> regions();

    /** One region's object store. */
    interface RegionConfig {
        /** The name shown to users, for example "Europe (Ireland)". */
        String displayName();

        /** The S3 endpoint; empty for AWS's own endpoint of the region. */
        Optional<URI> endpoint();

        /** The bucket that holds the region's packs, indexes and manifests. */
        String bucket();

        /** The signing region of the S3 API. */
        @WithDefault("us-east-1")
        String signingRegion();

        /** Path-style addressing, which S3-compatible servers need. */
        @WithDefault("true")
        boolean pathStyle();

        /** Static access key; empty to use the default AWS credential chain (IAM roles in production). */
        Optional<String> accessKey();

        /** Static secret key, with {@link #accessKey()}. */
        Optional<String> secretKey();
    }
}
