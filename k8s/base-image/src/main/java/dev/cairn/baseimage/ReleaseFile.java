package dev.cairn.baseimage;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A suite's release file, its signed text ({@link ReleaseSignature}): its {@code SHA256} field lists every index of the
 * suite with its hash and size.
 */
final class ReleaseFile {
    private ReleaseFile() {}

    /** The hash and size the release file publishes for {@code path} (relative to the suite). */
    static DebianArchive.FileHash hashOf(String release, String path) {
        List<ControlStanza> stanzas = ControlStanza.parseAll(release);
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

    /**
     * When the release file stops being valid ({@code Valid-Until}, which {@code -updates} and {@code -security} carry:
     * a week ahead), or null: past it, a mirror is stale or someone replays an old, signed release file, whose
     * packages may have known holes since fixed.
     */
    static Instant validUntil(String release) {
        List<ControlStanza> stanzas = ControlStanza.parseAll(release);
        return stanzas.isEmpty()
                ? null
                : stanzas.getFirst()
                        .field("Valid-Until")
                        .map(v -> ZonedDateTime.parse(v, DATE).toInstant())
                        .orElse(null);
    }

    /** The release file's date format: {@code Wed, 09 Dec 2026 23:13:44 UTC}. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss z", Locale.ROOT);
}
