package dev.cairn.platform.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which configured secrets a production start refuses: an empty one, one the repository publishes (the local run's
 * former defaults, anything marked not for production), and a database password equal to its role's name. The
 * answers name the key and the reason, never the value.
 */
public final class SecretsPolicy {
    private SecretsPolicy() {}

    /** The keys that hold secrets: client secrets, passwords, storage secret keys, session secrets. */
    private static final Pattern SECRET_KEY =
            Pattern.compile("quarkus\\.oidc-client\\.credentials\\.secret|quarkus\\.oidc\\.credentials\\.secret"
                    + "|quarkus\\.keycloak\\.admin-client\\.client-secret|quarkus\\.datasource\\.password"
                    + "|cairn\\.[a-z-]+\\.password|cairn\\.storage\\.regions\\.[^.]+\\.secret-key"
                    + "|cairn\\.portal\\.session-secret");

    /** Parts of values the repository publishes or that anyone would guess. */
    private static final List<String> PUBLISHED =
            List.of("cairn-local", "not-for-production", "changeme", "change-me", "password", "secret");

    /**
     * The refusals for these settings (empty: the start may go on).
     *
     * @param keys the names of every configured property
     * @param value a property's value (null when unset)
     */
    public static List<String> refusals(Iterable<String> keys, Function<String, String> value) {
        List<String> refusals = new ArrayList<>();
        for (String key : keys) {
            if (!SECRET_KEY.matcher(key).matches()) {
                continue;
            }
            String secret = value.apply(key);
            String reason = weakness(secret);
            if (reason != null) {
                refusals.add(key + " " + reason);
            }
        }
        String role = value.apply("quarkus.datasource.username");
        String password = value.apply("quarkus.datasource.password");
        if (role != null && password != null && password.equalsIgnoreCase(role)) {
            refusals.add("quarkus.datasource.password is its role's name");
        }
        return refusals;
    }

    /** As {@link #refusals(Iterable, Function)}, of a map. */
    public static List<String> refusals(Map<String, String> settings) {
        return refusals(settings.keySet(), settings::get);
    }

    private static String weakness(String secret) {
        if (secret == null || secret.isBlank()) {
            return "is empty";
        }
        String lower = secret.toLowerCase(Locale.ROOT);
        for (String published : PUBLISHED) {
            if (lower.contains(published)) {
                return "holds a published or guessable value (\"" + published + "\")";
            }
        }
        if (secret.length() < 16) {
            return "is shorter than 16 characters";
        }
        return null;
    }
}
