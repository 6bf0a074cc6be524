package dev.cairn.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ProxiesTest {
    @Test
    void goesThroughTheProxyExceptForNoProxyHostsAndDomains() {
        var selector = Proxies.of("http://proxy.corp:3128", "localhost, .svc,cluster.local");
        Proxy p = selector.select(URI.create("https://cairn.example.com/api")).get(0);
        assertThat(p.type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(((InetSocketAddress) p.address()).getHostString()).isEqualTo("proxy.corp");
        assertThat(((InetSocketAddress) p.address()).getPort()).isEqualTo(3128);
        assertThat(selector.select(URI.create("http://localhost:8080/")).get(0)).isEqualTo(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://kubernetes.default.svc/"))
                        .get(0))
                .isEqualTo(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://api.cluster.local/")).get(0))
                .isEqualTo(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://notcluster.localx/"))
                        .get(0)
                        .type())
                .isEqualTo(Proxy.Type.HTTP);
    }

    @Test
    void withoutAProxyConnectionsAreDirect() {
        assertThat(Proxies.of(null, "").select(URI.create("https://x.example/")).get(0))
                .isEqualTo(Proxy.NO_PROXY);
    }
}
