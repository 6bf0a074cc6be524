package dev.cairn.api.agent.command;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * What a BROWSE command found: a directory's entries in name order (a page of them), or the file it sent.
 *
 * @param path the directory listed or the file sent
 * @param entries a listing's entries, at most the spec's limit; none for a download
 * @param next a listing's next page ({@code after} of the next BROWSE), absent on the last
 * @param file the file sent for download; absent for a listing
 */
public record BrowseReport(
        @Size(max = 4096) String path,
        @Valid @Size(max = BrowseSpec.MAX_LIMIT) List<Entry> entries,
        @Size(max = 4096) String next,
        @Valid File file) {

    public BrowseReport {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** What an entry of the file tree is. */
    public enum EntryType {
        /** A directory: it can be listed. */
        DIRECTORY,
        /** A regular file: it can be downloaded. */
        FILE,
        /** A symbolic link: its target is shown, never followed. */
        SYMLINK,
        /** A named pipe or a device node: shown, it has no content to download. */
        SPECIAL
    }

    /**
     * One entry of a directory.
     *
     * @param name its name (bytes that are not UTF-8 as {@code \xNN})
     * @param type directory, file or symlink
     * @param size a file's length in bytes; 0 for others
     * @param modifiedAt its modification time; absent when the tree has none (Kubernetes objects)
     * @param mode its permission bits ({@code 07777})
     * @param target a symlink's target; absent for others
     */
    public record Entry(
            @Size(max = 4096) String name,
            EntryType type,
            long size,
            Instant modifiedAt,
            int mode,
            @Size(max = 4096) String target) {}

    /**
     * The file a download sent to the platform.
     *
     * @param name its name
     * @param size its length in bytes
     * @param sha256 the SHA-256 of its content, hex
     */
    public record File(
            @Size(max = 4096) String name,
            long size,
            @Size(max = 64) String sha256) {}
}
