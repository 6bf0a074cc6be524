package dev.cairn.baseimage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which packages go into the base: the roots, and everything they depend on ({@code Depends}, {@code Pre-Depends})
 * except what is left out on purpose; the newest version across the suites given (stable, its updates, its security
 * archive). Version constraints are checked; a dependency neither found nor left out fails the build, so a new
 * dependency of an updated package is a decision, not a surprise.
 */
final class PackageSelection {
    /** What the images run on: the C and C++ runtimes, time zones, CA certificates, OpenJDK 25's runtime. */
    static final List<String> ROOTS =
            List.of("base-files", "netbase", "tzdata", "ca-certificates", "openjdk-25-jre-headless");

    /**
     * Dependencies left out, as distroless does: they run only at install time (debconf, the shells and tools of
     * maintainer scripts, the CA store's generator, whose output the build writes itself) or serve parts of the JDK a
     * headless server never loads (AWT's image and colour libraries, smart cards, the NSS provider).
     */
    static final Set<String> LEFT_OUT = Set.of(
            "awk",
            "debconf",
            "debconf-2.0",
            "openssl",
            "ca-certificates-java",
            "java-common",
            "util-linux",
            "liblcms2-2",
            "libjpeg62-turbo",
            "libnss3",
            "libpcsclite1");

    private PackageSelection() {}

    /**
     * The selected packages' index entries, roots first then dependencies in the order found.
     *
     * @param suites each suite's packages by name (the newest version of each name wins across suites)
     */
    static List<ControlStanza> resolve(
            List<String> roots, Set<String> leftOut, List<Map<String, ControlStanza>> suites) {
        Map<String, ControlStanza> available = new LinkedHashMap<>();
        for (Map<String, ControlStanza> suite : suites) {
            suite.forEach((name, stanza) -> available.merge(name, stanza, DebianArchive::newer));
        }
        Map<String, ControlStanza> selected = new LinkedHashMap<>();
        Deque<Dependency> wanted = new ArrayDeque<>();
        roots.forEach(root -> wanted.add(new Dependency(root, "", null)));
        while (!wanted.isEmpty()) {
            Dependency dependency = wanted.removeFirst();
            ControlStanza stanza = available.get(dependency.name());
            if (stanza == null) {
                throw new IllegalStateException("no package " + dependency.name() + " in the suites");
            }
            if (!dependency.allows(DebianArchive.version(stanza))) {
                throw new IllegalStateException("needed " + dependency + ", the suites have " + dependency.name() + " "
                        + stanza.required("Version"));
            }
            if (selected.putIfAbsent(dependency.name(), stanza) != null) {
                continue;
            }
            List<List<Dependency>> groups = new ArrayList<>();
            groups.addAll(Dependency.parseField(stanza.fields().get("Pre-Depends")));
            groups.addAll(Dependency.parseField(stanza.fields().get("Depends")));
            for (List<Dependency> alternatives : groups) {
                if (alternatives.stream().anyMatch(d -> leftOut.contains(d.name()))) {
                    continue;
                }
                wanted.add(alternatives.stream()
                        .filter(d -> available.containsKey(d.name()) || selected.containsKey(d.name()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(dependency.name() + " needs " + alternatives
                                + ": none is in the suites, and none is left out on purpose")));
            }
        }
        return List.copyOf(selected.values());
    }
}
