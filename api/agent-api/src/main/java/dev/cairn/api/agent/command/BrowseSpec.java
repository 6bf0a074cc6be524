package dev.cairn.api.agent.command;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * What a BROWSE command reads of a backup's file tree for a person (the portal's file browser, {@code cairn
 * backup files}): one directory's entries a page at a time, or one file, which the agent decrypts and sends to the
 * platform for that person to download (ADR 0021).
 *
 * @param backupId the backup (one of the tenant's)
 * @param path a directory (to list) or a file (to download), relative to the backup's root, components separated by
 *     {@code /} as the tree displays them (bytes that are not UTF-8 as {@code \xNN}); {@code ""} is the root
 * @param download send the file at {@code path} instead of listing a directory
 * @param after a listing's next page: the names after this one (the previous page's {@code next})
 * @param limit a listing's page size, 1 to {@value #MAX_LIMIT} (0: {@value #DEFAULT_LIMIT})
 */
public record BrowseSpec(
        @NotNull UUID backupId,
        @NotNull @Size(max = 4096) String path,
        boolean download,
        @Size(max = 4096) String after,
        @Min(0) @Max(MAX_LIMIT) int limit) {

    /** The most entries one listing answers. */
    public static final int MAX_LIMIT = 1000;

    /** Entries a listing answers when it names no limit. */
    public static final int DEFAULT_LIMIT = 200;

    /** The largest file a BROWSE sends for download: 1 GiB. */
    public static final long MAX_DOWNLOAD_BYTES = 1L << 30;

    /** The page size asked for, or the default. */
    public int pageSize() {
        return limit == 0 ? DEFAULT_LIMIT : limit;
    }

    /** {@code path} split into its components; none for the root. */
    public String[] components() {
        return path.isEmpty() ? new String[0] : path.split("/", -1);
    }

    @AssertTrue(message = "path is relative, without empty, \".\" or \"..\" components")
    boolean isRelative() {
        if (path == null || path.isEmpty()) {
            return true;
        }
        for (String c : path.split("/", -1)) {
            if (c.isEmpty() || c.equals(".") || c.equals("..")) {
                return false;
            }
        }
        return true;
    }

    @AssertTrue(message = "a download names a file, not the root")
    boolean isDownloadOfAFile() {
        return !download || (path != null && !path.isEmpty());
    }
}
