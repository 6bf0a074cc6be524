package dev.cairn.ingest.source;

import java.util.List;

/**
 * A sample of a backup's chunks re-read from a region: each read by its range in its pack and checked to be a whole
 * chunk envelope of the recorded length (the platform holds no tenant key: the agent opens and authenticates every
 * chunk it restores).
 *
 * @param region where they were read
 * @param sampled how many chunks were read
 * @param passed how many were whole
 * @param bytes the bytes read
 * @param problems the failures, one line each
 */
public record SampleCheck(String region, int sampled, int passed, long bytes, List<String> problems) {}
