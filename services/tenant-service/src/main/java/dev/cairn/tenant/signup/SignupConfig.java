package dev.cairn.tenant.signup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Self-service signup: its confirmation by email. */
@ConfigMapping(prefix = "cairn.signup")
public interface SignupConfig {

    /** How long the link in a signup's confirmation mail works; an unconfirmed signup is forgotten after it. */
    @WithDefault("PT24H")
    Duration confirmationTime();

    /**
     * PBKDF2-HMAC-SHA256 iterations for the password a signup keeps until it is confirmed (OWASP's figure for
     * 2023); the identity provider re-hashes it with its own policy at the first sign-in.
     */
    @WithDefault("600000")
    int passwordHashIterations();

    /** How many passwords are hashed at once (each takes a core while it lasts: {@link PasswordHashing}). */
    @WithDefault("1")
    int hashingThreads();

    /** How many signups may wait for a hashing thread; more are answered 503 {@code overloaded}. */
    @WithDefault("100")
    int hashingQueue();

    /**
     * The most signup mails sent to one address within {@link #confirmationTime()}: further signups for it are
     * answered alike and send nothing, so that nobody can flood an address through the signup form.
     */
    @WithDefault("5")
    int mailsPerAddress();

    /**
     * The address of the portal as users reach it (the platform's entry point): the confirmation link is
     * {@code <portal-url>/signup/confirm?token=...}. By default the URL agents call.
     */
    @WithDefault("${cairn.agents.platform-url:http://127.0.0.1:8080}")
    String portalUrl();
}
