package dev.cairn.portal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The portal's settings ({@code cairn.portal.*}). */
@ConfigMapping(prefix = "cairn.portal")
public interface PortalConfig {
    /** The public API the pages are made from: the gateway (locally) or the platform's API entry point. */
    @WithDefault("http://127.0.0.1:8080")
    String apiUrl();

    /** How long the portal waits for one API call before it shows the page's error. */
    @WithDefault("PT20S")
    Duration apiTimeout();

    /**
     * Encrypts the session cookie that holds the user's tokens (32 characters or more; the same on every instance,
     * kept across restarts so that sessions survive them); {@code quarkus.oidc.token-state-manager} reads it.
     */
    String sessionSecret();

    /** How often a live part of a page (an agent connecting, a backup's progress) is fetched again. */
    @WithDefault("PT2S")
    Duration refreshEvery();
}
