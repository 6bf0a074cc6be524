package dev.cairn.tenant.command;

import java.io.InputStream;
import java.util.UUID;

/**
 * Where the file a BROWSE command sent waits for its download: the tenant's home region's bucket, under the tenant's
 * prefix (so that deleting the tenant deletes it too).
 */
public interface CommandFileStore {

    /** Stores {@code length} bytes read from {@code content} as the command's file. */
    void put(String region, UUID tenantId, UUID commandId, InputStream content, long length);

    /** The command's file, to be read and closed by the caller. */
    InputStream get(String region, UUID tenantId, UUID commandId);

    /** Deletes the command's file; nothing when it is gone already. */
    void delete(String region, UUID tenantId, UUID commandId);
}
