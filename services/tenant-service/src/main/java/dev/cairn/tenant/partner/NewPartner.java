package dev.cairn.tenant.partner;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A partner to add.
 *
 * @param name its name
 * @param adminEmail when given, a person invited as the partner's administrator (the portal's partner view), with a
 *     one-time password in the answer
 */
public record NewPartner(
        @NotBlank @Size(min = 2, max = 100) String name,
        @Email @Size(max = 254) String adminEmail) {}
