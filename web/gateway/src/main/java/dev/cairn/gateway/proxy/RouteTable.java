package dev.cairn.gateway.proxy;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a request path to the service that owns it: the longest prefix that matches on a segment boundary. */
public final class RouteTable {
    private final List<Map.Entry<String, URI>> routes;

    public RouteTable(Map<String, String> prefixes, Map<String, URI> services) {
        this.routes = prefixes.entrySet().stream()
                .map(e -> {
                    URI target = services.get(e.getValue());
                    if (target == null) {
                        throw new IllegalArgumentException(
                                "route " + e.getKey() + " names unknown service " + e.getValue());
                    }
                    return Map.entry(stripSlash(e.getKey()), target);
                })
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, URI> e) -> e.getKey().length())
                        .reversed())
                .toList();
    }

    /** The service base URL for {@code path}, if a route matches. */
    public Optional<URI> resolve(String path) {
        for (Map.Entry<String, URI> route : routes) {
            String prefix = route.getKey();
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return Optional.of(route.getValue());
            }
        }
        return Optional.empty();
    }

    private static String stripSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
