package dev.cairn.it.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test fixture: the platform's operator (a platform-admin user of the realm, made once per run). */
public final class Operators {
    /** The operator's password. */
    public static final String PASSWORD = "operator-password-1";

    private static String name;

    private Operators() {}

    private static String token;
    private static long tokenAt;

    /**
     * An access token of the operator (signed in with the command line's client), at most a minute old. One sign-in
     * at a time: Keycloak's brute-force protection refuses concurrent logins of one user as an attack
     * ({@code user_temporarily_disabled}), and classes that mostly wait run beside the others.
     */
    public static synchronized String token() {
        if (token == null || System.nanoTime() - tokenAt > java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) {
            token = TestPlatform.get().keycloak().token("cairn", "cairn-cli", null, email(), PASSWORD);
            tokenAt = System.nanoTime();
        }
        return token;
    }

    /** The operator's email (its user name), the user made on first use. */
    public static synchronized String email() {
        if (name == null) {
            name = "operator-" + UUID.randomUUID() + "@cairn.test";
            TestPlatform.get().keycloak().ensureUser("cairn", name, PASSWORD, List.of("platform-admin"), Map.of());
        }
        return name;
    }
}
