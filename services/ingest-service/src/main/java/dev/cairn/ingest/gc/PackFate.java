package dev.cairn.ingest.gc;

/** What garbage collection does with a pack once its dead chunks are swept. */
enum PackFate {
    /** Enough of it is live: left as it is (its dead chunks' bytes stay until more of it dies). */
    Kept,
    /** Its live chunks are under the threshold: copied into a new pack, the old one retired. */
    Rewritten,
    /** Nothing in it is live: retired as it is. */
    Emptied;

    /**
     * The fate of a pack with {@code liveChunks} live chunks of {@code liveBytes} bytes, written with
     * {@code dataBytes} bytes of chunks, when packs under {@code repackBelow} of live bytes are rewritten.
     */
    static PackFate of(long liveChunks, long liveBytes, long dataBytes, double repackBelow) {
        if (liveChunks <= 0) {
            return Emptied;
        }
        return liveBytes < repackBelow * dataBytes ? Rewritten : Kept;
    }
}
