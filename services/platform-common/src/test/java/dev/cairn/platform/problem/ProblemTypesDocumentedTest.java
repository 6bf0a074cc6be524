package dev.cairn.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every problem type any service or the gateway answers is listed in docs/api-errors.md: a client author reads that
 * table to know what to handle, so a type missing from it is a type nobody handles.
 */
class ProblemTypesDocumentedTest {
    /** The ways a problem type is named in code: {@code Problem.type("x")}, a ProblemException, the gateway's. */
    private static final Pattern NAMED = Pattern.compile("(?:Problem\\.type\\(\\s*\"([a-z0-9-]+)\""
            + "|new ProblemException\\(\\s*[^,()]+,\\s*\"([a-z0-9-]+)\""
            + "|problem\\(\\s*ctx\\s*,\\s*[^,()]+,\\s*\"([a-z0-9-]+)\")");

    /**
     * The types {@code ProblemMappers.web} makes from the reason phrase of the statuses JAX-RS answers by itself (no
     * route, wrong method, unacceptable media types, a missing or refused token).
     */
    private static final Set<String> FROM_REASON_PHRASES = Set.of(
            "not-found", "method-not-allowed", "not-acceptable", "unsupported-media-type", "unauthorized", "forbidden");

    /** A documented type: a backticked slug in the first column of a table row. */
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| (`[a-z0-9-]+`(?:, `[a-z0-9-]+`)*) \\|");

    @Test
    void everyProblemTypeTheCodeAnswersIsInTheTableOfApiErrors() throws IOException {
        Path root = repositoryRoot();
        Set<String> answered = new TreeSet<>(FROM_REASON_PHRASES);
        for (String folder : new String[] {"services", "web"}) {
            try (Stream<Path> files = Files.walk(root.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/"))
                        .forEach(f -> answered.addAll(named(read(f))));
            }
        }
        assertThat(answered).as("types found in code").contains("validation", "not-your-backup", "bad-path");

        assertThat(documented(Files.readString(root.resolve("docs/api-errors.md"))))
                .as("the types in docs/api-errors.md")
                .containsAll(answered);
    }

    @Test
    void theScanFindsTypesInEachWayCodeNamesThem() {
        assertThat(named("""
                        throw new ProblemException(409, "one-thing", "A", "b");
                        throw new ProblemException(
                                HTTP_CONFLICT,
                                "another", "A", "b");
                        new Problem(Problem.type("third"), "T", 400, d, p, null);
                        problem(ctx, 400, "fourth", "T", "d");
                        """)).containsExactlyInAnyOrder("one-thing", "another", "third", "fourth");
    }

    static Set<String> named(String source) {
        Set<String> found = new TreeSet<>();
        Matcher m = NAMED.matcher(source);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    found.add(m.group(g));
                }
            }
        }
        return found;
    }

    private static Set<String> documented(String markdown) {
        Set<String> found = new TreeSet<>();
        for (String line : markdown.split("\n")) {
            Matcher m = DOCUMENTED.matcher(line);
            if (m.find()) {
                for (String slug : m.group(1).split(", ")) {
                    found.add(slug.replace("`", ""));
                }
            }
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/api-errors.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a folder above the module with docs/api-errors.md").isNotNull();
        return dir;
    }
}
