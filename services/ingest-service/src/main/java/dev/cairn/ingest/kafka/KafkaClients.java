package dev.cairn.ingest.kafka;

import dev.cairn.api.agent.KafkaLogin;
import dev.cairn.ingest.IngestConfig;
import java.util.Properties;

/** The settings every Kafka client of the ingest service shares: the brokers and its SCRAM login. */
final class KafkaClients {
    private KafkaClients() {}

    static Properties properties(IngestConfig config) {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.bootstrapServers());
        p.put("security.protocol", config.securityProtocol());
        p.put("sasl.mechanism", "SCRAM-SHA-256");
        p.put("sasl.jaas.config", KafkaLogin.scramJaasConfig(config.username(), config.password()));
        return p;
    }
}
