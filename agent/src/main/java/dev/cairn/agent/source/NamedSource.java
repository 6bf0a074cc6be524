package dev.cairn.agent.source;

import java.io.IOException;

/**
 * A source under another name: a pod volume's folder changes with every pod (its uid is in the path), while its
 * backups, and its file cache, follow the claim ({@code volume:<cluster>/<namespace>/pvc/<claim>}).
 */
public record NamedSource(Source source, String description) implements Source {
    @Override
    public void walk(Visitor visitor) throws IOException {
        source.walk(visitor);
    }
}
