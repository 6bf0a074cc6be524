package dev.cairn.tenant.partner;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer tenant a partner creates.
 *
 * @param organisation the customer's name
 * @param adminEmail the customer's first administrator, invited with a one-time password
 * @param homeRegion where its backups are stored
 * @param drRegion where copies are kept (optional)
 */
public record CustomerTenantRequest(
        @NotBlank
        @Size(min = 2, max = 100)
        @Pattern(regexp = "\\S.*\\S", message = "must not start or end with a space")
        String organisation,

        @NotBlank @Email @Size(max = 254) String adminEmail,
        @NotBlank @Size(max = 63) String homeRegion,
        @Size(max = 63) String drRegion) {}
