package dev.cairn.gateway.proxy;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a request path to the service that owns it: the longest prefix that matches on a segment boundary. */
public final class RouteTable {
    /** Where a path goes: the service by name, and its base URL. */
    public record Route(String service, URI target) {}

    private final List<Map.Entry<String, Route>> routes;

    public RouteTable(Map<String, String> prefixes, Map<String, URI> services) {
        this.routes = prefixes.entrySet().stream()
                .map(e -> {
                    URI target = services.get(e.getValue());
                    if (target == null) {
                        throw new IllegalArgumentException(
                                "route " + e.getKey() + " names unknown service " + e.getValue());
                    }
                    return Map.entry(stripSlash(e.getKey()), new Route(e.getValue(), target));
                })
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, Route> e) -> e.getKey().length())
                        .reversed())
                .toList();
    }

    /** The service base URL for {@code path}, if a route matches. */
    public Optional<URI> resolve(String path) {
        return route(path).map(Route::target);
    }

    /** The route {@code path} takes, if one matches. */
    public Optional<Route> route(String path) {
        for (Map.Entry<String, Route> route : routes) {
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
