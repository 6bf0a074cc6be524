package dev.cairn.api.agent;

/**
 * How a Kafka client logs in with SCRAM: the {@code sasl.jaas.config} value, built in this one place for agents,
 * services and the local platform, with the user name and password quoted so that any character in them (a quote,
 * a backslash, a semicolon) stays part of the value.
 */
public final class KafkaLogin {
    private KafkaLogin() {}

    /** The JAAS configuration of Kafka's SCRAM login module for {@code user} and {@code password}. */
    public static String scramJaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=" + quoted(user)
                + " password=" + quoted(password) + ";";
    }

    /** A JAAS option value in double quotes, with backslashes and quotes escaped (Kafka parses it with escapes). */
    static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
