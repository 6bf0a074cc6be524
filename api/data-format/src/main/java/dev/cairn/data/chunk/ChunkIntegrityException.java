package dev.cairn.data.chunk;

/** A sealed chunk does not open: damaged, tampered with, of another tenant, or not the chunk asked for. */
public class ChunkIntegrityException extends RuntimeException {
    public ChunkIntegrityException(String message) {
        super(message);
    }

    public ChunkIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
