package dev.cairn.it.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import dev.cairn.it.support.Agents;
import dev.cairn.it.support.Tenants;
import dev.cairn.it.support.TestPlatform;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What "Add cluster" hands out works: the one-liner names the chart the platform serves, and that chart renders with
 * the one-liner's values into a least-privilege agent.
 */
class AgentOneLinerIT {
    private static final Pattern SET = Pattern.compile("--set ([a-z.]+)=(\\S+)");

    @Test
    void theOneLinerInstallsTheServedChartWithItsTokenAndPlatform() throws Exception {
        Tenants.SignedUp tenant = Tenants.free("One Liner");
        String helm = Agents.createCluster(tenant, "edge-k3s")
                .path("registration")
                .path("helmCommand")
                .asText();
        assertThat(helm).startsWith("helm install cairn-agent ").contains(" -n cairn-system --create-namespace ");
        String chartUrl = helm.split(" ")[3];
        Map<String, String> values = new LinkedHashMap<>();
        Matcher m = SET.matcher(helm);
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        assertThat(values).containsOnlyKeys("registration.token", "platform.url");

        // the chart is served where the one-liner says (the test platform's gateway)
        URI served = URI.create(
                TestPlatform.get().entryPoint() + URI.create(chartUrl).getPath());
        HttpResponse<byte[]> chart = java.net.http.HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(served).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(chart.statusCode()).isEqualTo(200);
        Path archive = Files.createTempFile("cairn-agent", ".tgz");
        Files.write(archive, chart.body());

        var template = new Helm(archive)
                .template()
                .withName("cairn-agent")
                .withNamespace("cairn-system")
                .withKubeVersion("v1.31.4");
        for (Map.Entry<String, String> v : values.entrySet()) {
            template = template.set(v.getKey(), v.getValue());
        }
        String rendered = template.call();
        assertThat(rendered)
                .contains("kind: Deployment", "readOnlyRootFilesystem: true", "runAsNonRoot: true", "memory: 256Mi")
                .contains(values.get("registration.token"))
                .doesNotContain("cairn-agent-restore");
    }
}
