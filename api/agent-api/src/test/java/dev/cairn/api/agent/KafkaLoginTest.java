package dev.cairn.api.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

class KafkaLoginTest {
    @Test
    void kafkaReadsBackTheUserAndAPasswordWithQuotesBackslashesAndSemicolons() {
        String password = "p\"a;s\\s w=rd}";
        String config = KafkaLogin.scramJaasConfig("agent-1", password);

        List<AppConfigurationEntry> entries = JaasContext.loadClientContext(
                        Map.of("sasl.jaas.config", new Password(config)))
                .configurationEntries();

        assertThat(entries).hasSize(1);
        Map<String, ?> options = entries.get(0).getOptions();
        assertThat(options.get("username")).isEqualTo("agent-1");
        assertThat(options.get("password")).isEqualTo(password);
        assertThat(entries.get(0).getLoginModuleName())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
    }
}
