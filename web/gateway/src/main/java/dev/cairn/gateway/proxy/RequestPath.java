package dev.cairn.gateway.proxy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A request path in normal form, the only form the gateway routes and forwards: percent-encoded unreserved characters
 * decoded (RFC 3986, 6.2.2.2: {@code %2e} is a dot, {@code %61} an {@code a}), empty segments merged ({@code //}),
 * dot segments removed (5.2.4: {@code ..} above the root stays at the root). A path that cannot be put in a form
 * every service reads the same way is refused instead: an encoded slash or backslash ({@code %2f}, {@code %5c}, which
 * a service behind may decode into a separator after the gateway routed on one segment), a backslash, a NUL or other
 * control character, malformed percent-encoding, a dot segment with parameters ({@code ..;x}).
 */
public final class RequestPath {
    private RequestPath() {}

    /** Why a path was refused: the detail of the 400 answer. */
    public static final class RefusedException extends Exception {
        RefusedException(String reason) {
            super(reason);
        }
    }

    /** The normal form of a raw (still percent-encoded) request path. */
    public static String normalize(String raw) throws RefusedException {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            throw new RefusedException("a request path starts with /");
        }
        Deque<String> segments = new ArrayDeque<>();
        int from = 1;
        while (from <= raw.length()) {
            int end = raw.indexOf('/', from);
            if (end < 0) {
                end = raw.length();
            }
            String segment = decodeUnreserved(raw.substring(from, end));
            if (segment.equals("..")) {
                segments.pollLast();
            } else if (segment.startsWith("..;") || segment.startsWith(".;")) {
                throw new RefusedException("a dot segment with parameters");
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
            from = end + 1;
        }
        StringBuilder normal = new StringBuilder();
        for (String s : segments) {
            normal.append('/').append(s);
        }
        boolean directory = raw.endsWith("/") || raw.endsWith("/.") || raw.endsWith("/..");
        if (normal.isEmpty() || directory) {
            normal.append('/');
        }
        return normal.toString();
    }

    /** Decodes the unreserved characters of one segment; everything else stays encoded, in upper-case hex. */
    private static String decodeUnreserved(String segment) throws RefusedException {
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new RefusedException("a control character in the path");
            }
            if (c == '\\') {
                throw new RefusedException("a backslash in the path");
            }
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 2 >= segment.length() || hex(segment.charAt(i + 1)) < 0 || hex(segment.charAt(i + 2)) < 0) {
                throw new RefusedException("malformed percent-encoding in the path");
            }
            int b = hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2));
            if (b == '/' || b == '\\') {
                throw new RefusedException("an encoded slash or backslash in the path");
            }
            if (b < 0x20 || b == 0x7f) {
                throw new RefusedException("an encoded control character in the path");
            }
            if (unreserved(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b));
            }
            i += 2;
        }
        return out.toString();
    }

    private static boolean unreserved(int b) {
        return (b >= 'a' && b <= 'z')
                || (b >= 'A' && b <= 'Z')
                || (b >= '0' && b <= '9')
                || b == '-'
                || b == '.'
                || b == '_'
                || b == '~';
    }

    /**
     * Refuses a raw query string that no service could read: a {@code %} not followed by two hex digits, or a
     * control character. (Quarkus's own check answered such a request an empty 400 before any route: the gateway
     * switches it off, {@code GatewayMain}, to answer a problem instead.)
     */
    public static void checkQuery(String raw) throws RefusedException {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new RefusedException("the query has a control character");
            }
            if (c == '%' && (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0)) {
                throw new RefusedException("the query has a malformed percent-escape at character " + (i + 1));
            }
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
