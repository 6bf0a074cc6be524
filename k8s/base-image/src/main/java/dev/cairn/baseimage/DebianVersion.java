package dev.cairn.baseimage;

/**
 * A Debian package version ({@code [epoch:]upstream[-revision]}), ordered as dpkg orders them: the epoch as a number,
 * then upstream and revision each compared in alternating runs of non-digits (where {@code ~} sorts before everything,
 * even the end, and letters before other characters) and digits (as numbers).
 */
public record DebianVersion(long epoch, String upstream, String revision) implements Comparable<DebianVersion> {

    /** Parses {@code text}; a missing epoch is 0 and a missing revision is empty. */
    public static DebianVersion parse(String text) {
        String rest = text.strip();
        long epoch = 0;
        int colon = rest.indexOf(':');
        if (colon > 0) {
            epoch = Long.parseLong(rest.substring(0, colon));
            rest = rest.substring(colon + 1);
        }
        int dash = rest.lastIndexOf('-');
        if (dash < 0) {
            return new DebianVersion(epoch, rest, "");
        }
        return new DebianVersion(epoch, rest.substring(0, dash), rest.substring(dash + 1));
    }

    @Override
    public int compareTo(DebianVersion other) {
        int byEpoch = Long.compare(epoch, other.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byUpstream = compareParts(upstream, other.upstream);
        return byUpstream != 0 ? byUpstream : compareParts(revision, other.revision);
    }

    @Override
    public String toString() {
        return (epoch > 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }

    private static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDifference = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length()
                    && Character.isDigit(a.charAt(i))
                    && j < b.length()
                    && Character.isDigit(b.charAt(j))) {
                if (firstDifference == 0) {
                    firstDifference = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDifference != 0) {
                return Integer.signum(firstDifference);
            }
        }
        return 0;
    }

    /** dpkg's character order: {@code ~} first (even before the end), then the end, letters, and other characters. */
    private static int order(char c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }
}
