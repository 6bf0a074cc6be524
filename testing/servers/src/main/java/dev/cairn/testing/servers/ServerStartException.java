package dev.cairn.testing.servers;

/** A server could not be started; the message says which and why. */
public class ServerStartException extends RuntimeException {
    public ServerStartException(String message) {
        super(message);
    }

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
