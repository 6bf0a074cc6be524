package dev.cairn.baseimage;

import java.util.List;

/**
 * A suite's release file ({@code InRelease}): the clear-signed text whose {@code SHA256} field lists every index of the
 * suite with its hash and size.
 */
final class ReleaseFile {
    private ReleaseFile() {}

    /** The hash and size the release file publishes for {@code path} (relative to the suite). */
    static DebianArchive.FileHash hashOf(String inRelease, String path) {
        List<ControlStanza> stanzas = ControlStanza.parseAll(signedText(inRelease));
        if (stanzas.isEmpty()) {
            throw new IllegalArgumentException("an empty release file");
        }
        for (String line : stanzas.getFirst().required("SHA256").split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 3 && parts[2].equals(path)) {
                return new DebianArchive.FileHash(parts[0], Long.parseLong(parts[1]));
            }
        }
        throw new IllegalArgumentException("the release file lists no " + path);
    }

    /** The text between an OpenPGP clear-signed message's header and its signature (the text itself if unsigned). */
    static String signedText(String inRelease) {
        String begin = "-----BEGIN PGP SIGNED MESSAGE-----";
        if (!inRelease.startsWith(begin)) {
            return inRelease;
        }
        int body = inRelease.indexOf("\n\n");
        int signature = inRelease.indexOf("\n-----BEGIN PGP SIGNATURE-----");
        if (body < 0 || signature < body) {
            throw new IllegalArgumentException("a clear-signed release file with no body or no signature");
        }
        return inRelease.substring(body + 2, signature + 1).replaceAll("(?m)^- ", "");
    }
}
