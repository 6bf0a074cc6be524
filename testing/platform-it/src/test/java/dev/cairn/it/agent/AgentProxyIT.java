package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.cairn.agent.credentials.AgentCredentials;
import dev.cairn.agent.platform.PlatformClient;
import dev.cairn.agent.platform.Proxies;
import dev.cairn.api.agent.Heartbeat;
import dev.cairn.api.agent.command.Delivery;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Api;
import dev.cairn.it.support.LocalAgent;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The agent's calls go through an HTTP proxy when one is set (corporate networks): a small forward proxy sees the
 * token request, the heartbeat and the command poll, and the agent works through it.
 */
class AgentProxyIT {

    @Test
    void theAgentsCallsGoThroughTheProxy() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("Proxied Tenant");
        Agents.Registered agent = Agents.registered(tenant, "behind-proxy");
        LocalAgent local = new LocalAgent(agent, Files.createTempDirectory("proxied-agent"));
        AgentCredentials credentials = AgentCredentials.load(local.home());
        try (ForwardProxy proxy = new ForwardProxy()) {
            PlatformClient platform = new PlatformClient(
                    credentials,
                    TestPlatform.get().entryPoint(),
                    Duration.ofSeconds(30),
                    Proxies.of("http://127.0.0.1:" + proxy.port(), ""));

            platform.heartbeat(new Heartbeat("proxied-1", null, null, null));
            Delivery poll = platform.commands(0);

            Api.as(tenant.token())
                    .when()
                    .get("/api/v1/clusters/"
                            + agent.credentials().path("clusterId").asText())
                    .then()
                    .statusCode(200)
                    .body("agentVersion", equalTo("proxied-1"));
            assertThat(poll.commands()).isEmpty();
            assertThat(proxy.seen)
                    .anyMatch(l -> l.startsWith("POST ") && l.contains("/protocol/openid-connect/token"))
                    .anyMatch(l -> l.startsWith("POST ") && l.contains("/api/v1/agent/heartbeat"))
                    .anyMatch(l -> l.startsWith("GET ") && l.contains("/api/v1/agent/commands"));
        }
    }

    /** A forward HTTP proxy for plain-HTTP targets: one request per connection, absolute-form request lines. */
    static final class ForwardProxy implements AutoCloseable {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final ServerSocket server;
        private final Thread acceptor;

        ForwardProxy() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "forward-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread t = new Thread(() -> handle(client), "forward-proxy-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void handle(Socket client) {
            try (client) {
                InputStream in = client.getInputStream();
                String head = readHead(in);
                String[] lines = head.split("\r\n");
                String[] requestLine = lines[0].split(" ");
                URI target = URI.create(requestLine[1]);
                seen.add(requestLine[0] + " " + requestLine[1]);
                long length = 0;
                StringBuilder forwarded = new StringBuilder(requestLine[0] + " " + target.getRawPath()
                        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " HTTP/1.1\r\n");
                for (int i = 1; i < lines.length; i++) {
                    String lower = lines[i].toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lines[i].substring(15).strip());
                    }
                    if (!lower.startsWith("connection:") && !lower.startsWith("proxy-")) {
                        forwarded.append(lines[i]).append("\r\n");
                    }
                }
                forwarded.append("Connection: close\r\n\r\n");
                byte[] body = in.readNBytes((int) length);
                try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
                    OutputStream up = upstream.getOutputStream();
                    up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
                    up.write(body);
                    up.flush();
                    upstream.getInputStream().transferTo(client.getOutputStream());
                }
            } catch (IOException e) {
                // the client sees the connection drop
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed in the request head");
                }
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1
                        : 0;
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
