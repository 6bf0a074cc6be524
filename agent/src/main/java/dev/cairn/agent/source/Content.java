package dev.cairn.agent.source;

import dev.cairn.agent.fs.DataRegions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A file's content as a source offers it: its data regions (holes left out) and a stream of each. */
public interface Content {

    /** The runs of data, ascending; what they leave out are holes that read as zeros. */
    List<DataRegions.Region> regions() throws IOException;

    /** The bytes of {@code region}; the caller closes the stream. */
    InputStream open(DataRegions.Region region) throws IOException;

    /** True when the file now differs (size, modification or change time) from what the walk saw. */
    boolean changedSinceWalk() throws IOException;
}
