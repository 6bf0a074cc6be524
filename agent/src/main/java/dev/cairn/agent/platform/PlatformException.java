package dev.cairn.agent.platform;

/** The platform refused a request (a 4xx with its problem detail) or stayed unreachable past the retry budget. */
public class PlatformException extends RuntimeException {
    private final int status;

    public PlatformException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the platform could not be reached. */
    public int status() {
        return status;
    }
}
