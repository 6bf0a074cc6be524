package dev.cairn.tenant.signup;

import java.net.URI;
import java.time.Instant;

/**
 * Sends a signup's mails. Sending is asynchronous: the signup's answer never waits on the mail server (nor tells by
 * its time which of the two mails went out); a mail that fails is logged, and the person signs up again.
 */
public interface SignupMailer {

    /** The link that confirms a signup of {@code organisation}, working until {@code expiresAt}. */
    void sendConfirmation(String email, String organisation, URI link, Instant expiresAt);

    /** The note that the address has an account already, with where to sign in instead. */
    void sendAccountExists(String email, URI signIn);
}
