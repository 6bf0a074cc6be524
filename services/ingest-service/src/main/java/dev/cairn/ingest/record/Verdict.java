package dev.cairn.ingest.record;

import dev.cairn.data.record.ChunkRecordV1;

/** What ingest decides about one record: accept it into a pack of its tenant, or dead-letter it with a reason. */
public sealed interface Verdict {

    /** A record authenticated to its agent and tenant; its packs go to {@code homeRegion}. */
    record Accepted(ChunkRecordV1 record, String homeRegion) implements Verdict {}

    /** A record that goes to the dead-letter topic; {@code reason} says why, for operators. */
    record Rejected(String reason) implements Verdict {}
}
