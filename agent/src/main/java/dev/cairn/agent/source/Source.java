package dev.cairn.agent.source;

import java.io.IOException;

/**
 * Something to back up, walked as a tree: a directory before what it holds, names in ascending byte order. Local
 * directories implement it now; the in-cluster agent's resources and pod volumes will, sharing everything else.
 */
public interface Source {

    /** What this is, for the backup's record: for example {@code local:/srv/data}. */
    String description();

    /** Visits every entry. Entries that vanish or cannot be read are reported to the visitor, not thrown. */
    void walk(Visitor visitor) throws IOException;

    /** Receives the walk. */
    interface Visitor {
        /** An entry; a file's content can be read through {@link SourceEntry#content()} during this call. */
        void entry(SourceEntry entry) throws IOException;

        /** Something the backup goes on without (a file vanished, a special file skipped). */
        void warning(byte[] path, String message);

        /** Something the backup could not read: the backup ends PartiallyFailed. */
        void error(byte[] path, String message);
    }
}
