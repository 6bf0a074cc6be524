package dev.cairn.tenant.user;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The role a user should have from now on: {@code tenant-admin} or {@code tenant-viewer}. */
public record RoleChange(
        @NotBlank @Pattern(regexp = "tenant-admin|tenant-viewer", message = "must be tenant-admin or tenant-viewer")
        String role) {}
