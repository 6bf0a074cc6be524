package dev.cairn.testing.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port helpers: free ports chosen at start, and a clear message when a wanted port is taken. */
public final class Ports {
    private Ports() {}

    /** A port that was free a moment ago on the loopback interface. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code port} if it is free, or a free one when {@code port} is 0; fails naming the owner otherwise. */
    public static int claim(int port, String forWhat) {
        if (port == 0) {
            return free();
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new ServerStartException("port " + port + " for " + forWhat + " is taken (" + e.getMessage()
                    + "): stop what uses it, or choose another port");
        }
    }
}
