package dev.cairn.tenant.signup;

import java.time.Instant;

/**
 * The answer to every well-formed signup, whether or not the address has an account (which it must not tell): a
 * mail is on its way to the address.
 *
 * @param email the address the mail goes to (trimmed, in lower case)
 * @param confirmBy until when the link in the mail works
 */
public record SignupAccepted(String email, Instant confirmBy) {}
