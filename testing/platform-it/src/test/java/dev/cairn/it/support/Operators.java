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

    /** A fresh access token of the operator, signed in with the command line's client. */
    public static String token() {
        return TestPlatform.get().keycloak().token("cairn", "cairn-cli", null, email(), PASSWORD);
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
