package dev.cairn.tenant.partner;

import java.util.UUID;

/**
 * A new partner and its API credentials (client credentials grant), shown once.
 *
 * @param id the partner id
 * @param name its name
 * @param clientId its API client
 * @param clientSecret the client's secret
 * @param tokenUrl where it gets tokens
 * @param adminEmail the administrator invited, if one was asked for
 * @param adminOneTimePassword their password for the first sign-in (they choose their own then)
 */
public record PartnerCreated(
        UUID id,
        String name,
        String clientId,
        String clientSecret,
        String tokenUrl,
        String adminEmail,
        String adminOneTimePassword) {}
