package dev.cairn.it.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/**
 * Test fixture: a region's object store stopped and started again, each time until ingest's probe has seen it
 * ({@code cairn_region_up}), so that what a test does next meets the platform's view of the region, and the tests
 * after it a region that answers.
 */
public final class Regions {
    private Regions() {}

    /** Stops the region's S3 server; answers once ingest sees it down. */
    public static void stop(String region) {
        TestPlatform.get().stopRegion(region);
        awaitSeen(region, false);
    }

    /** Starts the region's S3 server again; answers once ingest sees it answer. */
    public static void restore(String region) {
        TestPlatform.get().restoreRegion(region);
        awaitSeen(region, true);
    }

    private static void awaitSeen(String region, boolean up) {
        await("ingest sees " + region + (up ? " up" : " down"))
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Api.management("ingest")
                        .when()
                        .get("/q/metrics")
                        .asString()
                        .contains("cairn_region_up{region=\"" + region + "\"} " + (up ? "1.0" : "0.0")));
    }
}
