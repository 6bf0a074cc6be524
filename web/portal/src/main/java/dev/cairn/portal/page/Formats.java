package dev.cairn.portal.page;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How pages write bytes, times, durations, URLs and modes: {@code {fmt:bytes(n)}}, {@code {fmt:ago(t)}},
 * {@code {fmt:time(t)}}, {@code {fmt:url(s)}}, {@code {fmt:mode(m)}}.
 */
@TemplateExtension(namespace = "fmt")
public final class Formats {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {}

    /** Text for a URL's query ({@code ?path={fmt:url(p)}}): percent-encoded as a form field. */
    public static String url(Object value) {
        return java.net.URLEncoder.encode(
                value == null ? "" : value.toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The path of {@code name} inside directory {@code path} ({@code ""}: the root), encoded for a URL's query. */
    public static String childUrl(Object path, Object name) {
        String dir = path == null ? "" : path.toString();
        return url(dir.isEmpty() ? name : dir + "/" + name);
    }

    /** Permission bits as {@code ls} writes them: {@code rwxr-xr-x} (with setuid, setgid and sticky). */
    public static String mode(Object value) {
        if (!(value instanceof Number number)) {
            return "";
        }
        int m = number.intValue();
        char[] s = "rwxrwxrwx".toCharArray();
        for (int i = 0; i < 9; i++) {
            if ((m & (1 << (8 - i))) == 0) {
                s[i] = '-';
            }
        }
        if ((m & 04000) != 0) {
            s[2] = s[2] == 'x' ? 's' : 'S';
        }
        if ((m & 02000) != 0) {
            s[5] = s[5] == 'x' ? 's' : 'S';
        }
        if ((m & 01000) != 0) {
            s[8] = s[8] == 'x' ? 't' : 'T';
        }
        return new String(s);
    }

    /** Bytes in decimal units, as storage is sold (1 TB = 10^12 bytes): {@code 1.97 GB}. */
    public static String bytes(Object value) {
        if (!(value instanceof Number number)) {
            return "–";
        }
        double n = number.doubleValue();
        int unit = 0;
        while (n >= 1000 && unit < UNITS.length - 1) {
            n /= 1000;
            unit++;
        }
        return unit == 0
                ? String.format(Locale.ROOT, "%.0f %s", n, UNITS[unit])
                : String.format(Locale.ROOT, n >= 100 ? "%.0f %s" : n >= 10 ? "%.1f %s" : "%.2f %s", n, UNITS[unit]);
    }

    /** An API time ({@code 2026-12-02T21:00:00Z}) as {@code 2026-12-02 21:00 UTC}; a dash when there is none. */
    public static String time(Object value) {
        Instant at = instant(value);
        return at == null ? "–" : TIME.format(at);
    }

    /** How long ago an API time was: {@code 12 s ago}, {@code 3 min ago}, {@code 2 h ago}, {@code 4 d ago}. */
    public static String ago(Object value) {
        Instant at = instant(value);
        if (at == null) {
            return "never";
        }
        return duration(Duration.between(at, Instant.now())) + " ago";
    }

    /** A duration in its largest whole unit: {@code 45 s}, {@code 3 min}, {@code 2 h}, {@code 4 d}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h";
        }
        return s / 86_400 + " d";
    }

    /** Seconds as a duration ({@link #duration}). */
    public static String seconds(Object value) {
        return value instanceof Number n ? duration(Duration.ofSeconds(n.longValue())) : "–";
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
