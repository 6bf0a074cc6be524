package dev.cairn.api.agent.command;

/**
 * How far a running command is, reported every few seconds.
 *
 * @param stage what it does now, in words (e.g. "backing up 3 pod volume(s) on the nodes"); may be absent
 * @param files files (or objects) done
 * @param bytes bytes done
 * @param totalFiles files known so far (the walk may still be counting)
 * @param totalBytes bytes known so far
 * @param bytesPerSecond the average rate since the start
 * @param seconds seconds since the start
 * @param etaSeconds seconds left at that rate, absent while the total is unknown
 */
public record Progress(
        String stage,
        long files,
        long bytes,
        long totalFiles,
        long totalBytes,
        long bytesPerSecond,
        long seconds,
        Long etaSeconds) {

    /** Progress from counters and the elapsed time: rate and ETA computed the one way every side shows them. */
    public static Progress of(
            String stage, long files, long bytes, long totalFiles, long totalBytes, double elapsedSeconds) {
        double seconds = Math.max(0.001, elapsedSeconds);
        double rate = bytes / seconds;
        Long eta = totalBytes > 0 && rate > 0 ? Math.max(0, Math.round((totalBytes - bytes) / rate)) : null;
        return new Progress(stage, files, bytes, totalFiles, totalBytes, Math.round(rate), Math.round(seconds), eta);
    }
}
