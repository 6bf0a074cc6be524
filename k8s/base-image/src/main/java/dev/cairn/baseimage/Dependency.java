package dev.cairn.baseimage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One alternative of a package relationship ({@code Depends}, {@code Pre-Depends}): a package name, an optional
 * architecture qualifier (ignored: one architecture per image) and an optional version constraint.
 *
 * @param name the package (or virtual package) name
 * @param operator {@code >=}, {@code <=}, {@code =}, {@code <<} or {@code >>}; empty for any version
 * @param version the version the constraint compares with; null when there is none
 */
public record Dependency(String name, String operator, DebianVersion version) {
    private static final Pattern ALTERNATIVE = Pattern.compile(
            "\\s*([a-z0-9][a-z0-9+.-]*)(?::[a-z0-9-]+)?\\s*(?:\\(\\s*(<<|<=|=|>=|>>)\\s*([^)\\s]+)\\s*\\))?\\s*");

    /** A field's groups, each a list of alternatives (written {@code a | b}); an empty field has none. */
    public static List<List<Dependency>> parseField(String field) {
        List<List<Dependency>> groups = new ArrayList<>();
        if (field == null || field.isBlank()) {
            return groups;
        }
        for (String group : field.split(",")) {
            List<Dependency> alternatives = new ArrayList<>();
            for (String alternative : group.split("\\|")) {
                Matcher m = ALTERNATIVE.matcher(alternative);
                if (!m.matches()) {
                    throw new IllegalArgumentException("not a package relationship: " + alternative.strip());
                }
                alternatives.add(new Dependency(
                        m.group(1),
                        m.group(2) == null ? "" : m.group(2),
                        m.group(3) == null ? null : DebianVersion.parse(m.group(3))));
            }
            groups.add(List.copyOf(alternatives));
        }
        return groups;
    }

    /** Whether {@code candidate} satisfies the version constraint (always, when there is none). */
    public boolean allows(DebianVersion candidate) {
        if (version == null) {
            return true;
        }
        int c = candidate.compareTo(version);
        return switch (operator) {
            case ">=" -> c >= 0;
            case "<=" -> c <= 0;
            case "=" -> c == 0;
            case ">>" -> c > 0;
            case "<<" -> c < 0;
            default -> throw new IllegalStateException("operator " + operator);
        };
    }

    /** The constraint as written, e.g. {@code libc6 (>= 2.38)}. */
    @Override
    public String toString() {
        return name
                + Optional.ofNullable(version)
                        .map(v -> " (" + operator + " " + v + ")")
                        .orElse("");
    }
}
