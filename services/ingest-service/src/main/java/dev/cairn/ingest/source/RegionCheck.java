package dev.cairn.ingest.source;

import java.util.List;

/**
 * Whether one region holds a backup whole.
 *
 * @param region the region
 * @param role {@code home} or {@code dr}
 * @param answers whether its object store answered
 * @param objects the backup's objects (packs, their indexes, the manifest)
 * @param present how many of them are there as recorded (size, and checksum for a copy)
 * @param bytes the bytes of the present objects
 * @param problems the first few missing or differing objects, one line each
 */
public record RegionCheck(
        String region, String role, boolean answers, int objects, int present, long bytes, List<String> problems) {

    /** Whether a restore can read the whole backup from this region. */
    public boolean whole() {
        return answers && present == objects;
    }
}
