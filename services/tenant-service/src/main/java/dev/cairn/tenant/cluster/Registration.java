package dev.cairn.tenant.cluster;

import java.time.Instant;

/**
 * How to install the agent of a new cluster: shown once, since only a hash of the token is kept.
 *
 * @param token the one-time registration token
 * @param expiresAt when it stops working if unused
 * @param helmCommand the one-liner that installs the agent with it
 */
public record Registration(String token, Instant expiresAt, String helmCommand) {}
