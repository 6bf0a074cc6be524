package dev.cairn.agent.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP proxy from the environment, as curl and most tools read it: {@code HTTPS_PROXY} (or {@code HTTP_PROXY})
 * as {@code http://host:port}, and {@code NO_PROXY} as a comma list of host names, domain suffixes ({@code .corp} or
 * {@code corp}) and {@code *}. Without them, connections are direct.
 */
public final class Proxies {
    private Proxies() {}

    public static ProxySelector fromEnvironment() {
        return of(env("HTTPS_PROXY", env("HTTP_PROXY", null)), env("NO_PROXY", ""));
    }

    /** The proxy {@code proxy} ({@code http://host:port}) except for the {@code noProxy} hosts; direct if null. */
    public static ProxySelector of(String proxy, String noProxy) {
        if (proxy == null || proxy.isBlank()) {
            return HttpDirect.INSTANCE;
        }
        URI uri = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
        Proxy http = new Proxy(
                Proxy.Type.HTTP,
                InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80));
        List<String> bypass = Arrays.stream(noProxy.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI target) {
                String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
                for (String b : bypass) {
                    String suffix = b.startsWith(".") ? b : "." + b;
                    if (b.equals("*") || host.equals(b.replaceFirst("^[.]", "")) || host.endsWith(suffix)) {
                        return List.of(Proxy.NO_PROXY);
                    }
                }
                return List.of(http);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        };
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        if (v == null) {
            v = System.getenv(name.toLowerCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    private static final class HttpDirect extends ProxySelector {
        static final HttpDirect INSTANCE = new HttpDirect();

        @Override
        public List<Proxy> select(URI uri) {
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    }
}
