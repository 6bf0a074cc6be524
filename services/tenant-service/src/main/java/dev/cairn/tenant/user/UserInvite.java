package dev.cairn.tenant.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A user to invite into the caller's tenant.
 *
 * @param email the invitee's email (their login)
 * @param role {@code tenant-admin} or {@code tenant-viewer}
 */
public record UserInvite(
        @NotBlank @Email @Size(max = 254) String email,

        @NotBlank @Pattern(regexp = "tenant-admin|tenant-viewer", message = "must be tenant-admin or tenant-viewer")
        String role) {}
