package dev.cairn.tenant.tenant;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A change to a tenant: only the given fields change. The home region cannot change (the data lives there).
 *
 * @param name the organisation's new name
 * @param drRegion the disaster-recovery region; an empty string removes it
 */
public record TenantUpdate(
        @Size(min = 2, max = 100) @Pattern(regexp = "\\S.*\\S", message = "must not start or end with a space")
        String name,

        @Size(max = 63) String drRegion) {}
