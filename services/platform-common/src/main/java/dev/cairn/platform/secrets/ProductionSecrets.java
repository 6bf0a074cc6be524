package dev.cairn.platform.secrets;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * In production ({@code %prod}, which the local platform runs too, with the secrets it generates) a service with a
 * weak secret does not start: {@link SecretsPolicy} says which, by key. Secrets without a default (the Keycloak
 * client secrets, database passwords, the portal's session secret, the key file) already stop the start when unset.
 */
@ApplicationScoped
public class ProductionSecrets {
    private static final Logger LOG = Logger.getLogger(ProductionSecrets.class);

    void check(@Observes StartupEvent started, Config config, LaunchMode mode) {
        if (mode != LaunchMode.NORMAL) {
            return;
        }
        List<String> refusals = SecretsPolicy.refusals(
                config.getPropertyNames(),
                key -> config.getOptionalValue(key, String.class).orElse(null));
        if (!refusals.isEmpty()) {
            refusals.forEach(r -> LOG.errorf("refusing to start: %s", r));
            throw new IllegalStateException("refusing to start on weak secrets: " + String.join("; ", refusals));
        }
    }
}
